using System.Net;

namespace Nat64Harness.Model;

/// <summary>An ICMPv6 error the app's socket received (IPV6_RECVERR): what the path said about one of its datagrams.</summary>
/// <param name="Type">ICMPv6 type (1 Destination Unreachable, 2 Packet Too Big, 3 Time Exceeded, 4 Parameter Problem).</param>
/// <param name="Code">ICMPv6 code (1/4: port unreachable).</param>
/// <param name="Info">The error's info field as the kernel reports it (a Packet Too Big's MTU).</param>
/// <param name="Errno">The errno the socket reported with it (ECONNREFUSED 111, EMSGSIZE 90, ...).</param>
/// <param name="Source">The error's sender, when the kernel says (origin ICMPv6).</param>
public sealed record ProbeIcmpError(int Type, int Code, long Info, int Errno, IPAddress? Source)
{
    /// <inheritdoc />
    public override string ToString() => $"ICMPv6 {Type}/{Code} from {Source?.ToString() ?? "?"} (info {Info}, errno {Errno})";
}
