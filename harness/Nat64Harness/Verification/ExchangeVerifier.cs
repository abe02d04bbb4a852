using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Topology;

namespace Nat64Harness.Verification;

/// <summary>
/// Judges an exchange's captures with the RFC 7915 oracle: every packet on the IPv6 side paired with its
/// translation on the IPv4 side (both directions), every pair checked field by field, every IPv4 address the
/// translator chose checked against its pool (the learner refuses pairs outside it, so the address field fails).
/// </summary>
public static class ExchangeVerifier
{
    /// <summary>Largest time between a packet and its translation on the other bridge.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>Pairs and judges the two pcaps of a run.</summary>
    public static ExchangeVerdict Verify(ExchangeRun run, RouterProfile router, Nat64Prefix prefix, string pool4) =>
        Verify(run.V6Pcap ?? throw new ArgumentException($"{run.Name}: no IPv6-side capture"),
            run.V4Pcap ?? throw new ArgumentException($"{run.Name}: no IPv4-side capture"), router, prefix, pool4);

    /// <summary>Pairs and judges an IPv6-side pcap against an IPv4-side pcap.</summary>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, RouterProfile router, Nat64Prefix prefix, string? pool4)
    {
        var pool = pool4 is null ? (IpNetwork?)null : IpNetwork.Parse(pool4);
        var mapping = new LearningAddressMapping(pool: pool is { } p ? a => p.Overlaps(new IpNetwork(a, 32)) : null);
        var pairer = new Pairer(router.Context(prefix, mapping, pool4), Window);
        using var v6 = PcapReader.Open(v6Pcap);
        using var v4 = PcapReader.Open(v4Pcap);
        var report = PairingReport.Collect(pairer.Pair(v6.ReadPackets(), v4.ReadPackets()), v6Pcap, v4Pcap);
        return new ExchangeVerdict(router, report, mapping.Learned.ToList());
    }
}
