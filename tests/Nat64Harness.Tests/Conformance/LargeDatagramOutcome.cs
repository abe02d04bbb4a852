using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Topology;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// What a datagram larger than some hop's MTU must meet, asserted rather than ignored: carried whole, or
/// fragmented by the probe's own stack (IPv6 routers never fragment; RFC 8200 §5) with a stated result.
/// </summary>
public sealed record LargeDatagramOutcome(string Description, int? SourceFragmentMtu, bool EchoExpected)
{
    /// <summary>The path's MTU is at least the packet: it crosses unfragmented and is echoed.</summary>
    public static LargeDatagramOutcome Whole { get; } = new("carried whole and echoed", null, true);

    /// <summary>The tunnel's MTU is smaller: the probe fragments to it, and the result is <paramref name="echoed"/>.</summary>
    public static LargeDatagramOutcome FragmentedAtSource(int mtu, bool echoed, string why) =>
        new($"fragmented by the probe to MTU {mtu}; {why}", mtu, echoed);

    /// <summary>Asserts the outcome on the probe's result and the IPv6-side capture.</summary>
    public void Assert(ExchangeRun run)
    {
        run.Result.Ok.Should().Be(EchoExpected, $"{Description}: {run.Result.Error}");
        using var reader = PcapReader.Open(run.V6Pcap!);
        var requests = reader.ReadPackets().Where(p => p.IpVersion == 6).Select(p => p.Ip.ToArray()).Where(ip => ip.Length > 40 && Ipv6Destination(ip).StartsWith("64:ff9b", StringComparison.Ordinal)).ToList();
        requests.Should().NotBeEmpty("the datagram must reach the IPv6 side of the router");
        if (SourceFragmentMtu is { } mtu)
        {
            requests.Should().OnlyContain(ip => ip[6] == 44, "every piece carries an IPv6 Fragment header (next header 44)");
            requests.Should().OnlyContain(ip => ip.Length <= mtu, $"no piece exceeds the tunnel MTU {mtu}");
        }
        else
        {
            requests.Should().OnlyContain(ip => ip[6] == 17, "the datagram crosses as one unfragmented UDP packet");
        }
    }

    private static string Ipv6Destination(byte[] ip) => new System.Net.IPAddress(ip.AsSpan(24, 16)).ToString();
}
