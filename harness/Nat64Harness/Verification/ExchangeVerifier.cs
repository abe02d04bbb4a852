using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Oracle;

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

    /// <summary>Pairs and judges the router's two captures of a run (its IPv6 and IPv4 bridges).</summary>
    public static ExchangeVerdict Verify(ExchangeRun run, TranslatorSetup translator) =>
        Verify(run.V6Pcap ?? throw new ArgumentException($"{run.Name}: no IPv6-side capture"),
            run.V4Pcap ?? throw new ArgumentException($"{run.Name}: no IPv4-side capture"), translator);

    /// <summary>Pairs and judges the two pcaps of a run against a router's profile, prefix and pool.</summary>
    public static ExchangeVerdict Verify(ExchangeRun run, RouterProfile router, Nat64Prefix prefix, IPNetwork? pool4) =>
        Verify(run, new TranslatorSetup(router, prefix, pool4));

    /// <summary>Pairs and judges an IPv6-side pcap against an IPv4-side pcap.</summary>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, RouterProfile router, Nat64Prefix prefix, IPNetwork? pool4) =>
        Verify(v6Pcap, v4Pcap, new TranslatorSetup(router, prefix, pool4));

    /// <summary>Pairs and judges an IPv6-side pcap against an IPv4-side pcap.</summary>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, TranslatorSetup translator)
    {
        var pool = translator.Pool4;
        var mapping = new LearningAddressMapping(pool: pool is { } p ? p.Contains : null);
        var pairer = new Pairer(translator.Profile.Context(translator.Prefix, mapping, pool), Window);
        using var v6 = PcapReader.Open(v6Pcap);
        using var v4 = PcapReader.Open(v4Pcap);
        var report = PairingReport.Collect(pairer.Pair(v6.ReadPackets(), v4.ReadPackets()), v6Pcap, v4Pcap);
        return new ExchangeVerdict(translator.Profile, report, mapping.Learned.ToList());
    }
}
