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
/// A bounded capture of a long exchange holds its first and last packets only: those are judged, what lies near
/// either side's omitted stretch is left out on both sides, and the verdict says how many packets were left out.
/// </summary>
public static class ExchangeVerifier
{
    /// <summary>Largest time between a packet and its translation on the other bridge.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>Pairs and judges the router's two captures of a run (its IPv6 and IPv4 bridges).</summary>
    public static ExchangeVerdict Verify(ExchangeRun run, TranslatorSetup translator) =>
        Verify(run.V6Pcap ?? throw new ArgumentException($"{run.Name}: no IPv6-side capture"),
            run.V4Pcap ?? throw new ArgumentException($"{run.Name}: no IPv4-side capture"), translator,
            Gap(run.SummaryOf(CapturePoint.V6Bridge)), Gap(run.SummaryOf(CapturePoint.V4Bridge)));

    /// <summary>Pairs and judges the two pcaps of a run against a router's profile, prefix and pool.</summary>
    public static ExchangeVerdict Verify(ExchangeRun run, RouterProfile router, Nat64Prefix prefix, IPNetwork? pool4) =>
        Verify(run, new TranslatorSetup(router, prefix, pool4));

    /// <summary>Pairs and judges an IPv6-side pcap against an IPv4-side pcap.</summary>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, RouterProfile router, Nat64Prefix prefix, IPNetwork? pool4) =>
        Verify(v6Pcap, v4Pcap, new TranslatorSetup(router, prefix, pool4));

    /// <summary>Pairs and judges an IPv6-side pcap against an IPv4-side pcap, both whole.</summary>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, TranslatorSetup translator) =>
        Verify(v6Pcap, v4Pcap, translator, null, null);

    /// <summary>
    /// Pairs and judges an IPv6-side pcap against an IPv4-side pcap; <paramref name="v6Gap"/> and
    /// <paramref name="v4Gap"/> are the stretches a bounded capture left out of each (null when it holds everything).
    /// Of a cut pair only the stretches both sides hold are judged: packets from the start until the first side's
    /// gap (less <see cref="CutMargin"/>) and from the last side's gap on (plus it); what lies between is left out
    /// of the judgement on both sides, so no packet is judged against a partner the other side did not keep.
    /// </summary>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, TranslatorSetup translator, (DateTimeOffset From, DateTimeOffset To)? v6Gap, (DateTimeOffset From, DateTimeOffset To)? v4Gap)
    {
        var pool = translator.Pool4;
        var mapping = new LearningAddressMapping(pool: pool is { } p ? p.Contains : null);
        var pairer = new Pairer(translator.Profile.Context(translator.Prefix, mapping, pool), Window);
        using var v6 = PcapReader.Open(v6Pcap);
        using var v4 = PcapReader.Open(v4Pcap);
        var gaps = new[] { v6Gap, v4Gap }.OfType<(DateTimeOffset From, DateTimeOffset To)>().ToList();
        var judged = gaps.Count == 0 ? null : new Judged(gaps.Min(g => g.From) - CutMargin, gaps.Max(g => g.To) + CutMargin);
        var report = PairingReport.Collect(pairer.Pair(Keep(v6.ReadPackets(), judged), Keep(v4.ReadPackets(), judged)), v6Pcap, v4Pcap);
        return new ExchangeVerdict(translator.Profile, report, mapping.Learned.ToList()) { Excused = judged?.Left ?? 0 };
    }

    /// <summary>
    /// How far from a cut a packet must lie to be judged: longer than any translation takes on a loaded machine
    /// (microseconds unloaded, tens of milliseconds under load), far shorter than <see cref="Window"/>, which bounds
    /// how long a pair may be apart at all and would leave nothing of a bulk transfer's first packets to judge.
    /// </summary>
    public static readonly TimeSpan CutMargin = TimeSpan.FromMilliseconds(250);

    private static (DateTimeOffset, DateTimeOffset)? Gap(CaptureSummary? summary) =>
        summary is { Omitted: > 0, HeadEnd: { } from, TailStart: { } to } ? (from, to) : null;

    private static IEnumerable<CapturedPacket> Keep(IEnumerable<CapturedPacket> packets, Judged? judged)
    {
        foreach (var packet in packets)
        {
            if (judged is null || packet.Timestamp < judged.HeadUntil || packet.Timestamp > judged.TailFrom)
            {
                yield return packet;
            }
            else
            {
                judged.Left++;
            }
        }
    }

    private sealed class Judged(DateTimeOffset headUntil, DateTimeOffset tailFrom)
    {
        public DateTimeOffset HeadUntil { get; } = headUntil;

        public DateTimeOffset TailFrom { get; } = tailFrom;

        public long Left { get; set; }
    }
}
