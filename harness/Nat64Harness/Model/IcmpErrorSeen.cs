using System.Net;

namespace Nat64Harness.Model;

/// <summary>An ICMP or ICMPv6 error seen at a capture point, with how often.</summary>
/// <param name="Direction">Which way it travelled.</param>
/// <param name="Version">4 (ICMP) or 6 (ICMPv6).</param>
/// <param name="Type">ICMP type.</param>
/// <param name="Code">ICMP code.</param>
/// <param name="Source">Who sent it.</param>
/// <param name="Destination">Whom it was sent to.</param>
/// <param name="Mtu">The MTU of a Packet Too Big or Fragmentation Needed, else null.</param>
/// <param name="Count">How many identical errors (same sender, type, code and MTU).</param>
public sealed record IcmpErrorSeen(TrafficDirection Direction, int Version, int Type, int Code, IPAddress Source, IPAddress Destination, int? Mtu, long Count)
{
    /// <summary>The error's name as RFC 792 / RFC 4443 give it.</summary>
    public string Name => (Version, Type, Code) switch
    {
        (6, 1, _) => $"Destination Unreachable (code {Code})",
        (6, 2, _) => $"Packet Too Big (MTU {Mtu})",
        (6, 3, 0) => "Time Exceeded (hop limit)",
        (6, 3, _) => "Time Exceeded (reassembly)",
        (6, 4, _) => $"Parameter Problem (code {Code})",
        (4, 3, 4) => $"Fragmentation Needed (MTU {Mtu})",
        (4, 3, _) => $"Destination Unreachable (code {Code})",
        (4, 11, _) => $"Time Exceeded (code {Code})",
        (4, 12, _) => "Parameter Problem",
        _ => $"ICMPv{(Version == 6 ? "6" : "4")} type {Type} code {Code}",
    };

    /// <inheritdoc />
    public override string ToString() => $"{Name} from {Source} to {Destination}{(Count > 1 ? $" ×{Count}" : "")}";
}
