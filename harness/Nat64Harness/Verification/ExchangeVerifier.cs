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
/// A bounded capture of a long exchange holds its first and last packets only: all of them are judged, and a packet
/// whose partner the other side's capture left out is excused; the verdict says how many were. So is a packet one
/// capture took while the other was not running: the two start one after the other, and a flow running beside the
/// exchange (a per-app fixture's idle flows) can cross in between.
/// </summary>
public static class ExchangeVerifier
{
    /// <summary>Largest time between a packet and its translation on the other bridge.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>Pairs and judges the router's two captures of a run (its IPv6 and IPv4 bridges).</summary>
    public static ExchangeVerdict Verify(ExchangeRun run, TranslatorSetup translator) =>
        Verify(run.V6Pcap ?? throw new ArgumentException($"{run.Name}: no IPv6-side capture"),
            run.V4Pcap ?? throw new ArgumentException($"{run.Name}: no IPv4-side capture"), translator,
            CaptureCoverage.Of(run.SummaryOf(CapturePoint.V6Bridge)), CaptureCoverage.Of(run.SummaryOf(CapturePoint.V4Bridge)));

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
    /// Pairs and judges an IPv6-side pcap against an IPv4-side pcap, given what each capture can hold (null: all of
    /// it). Every packet kept is paired and every pair judged. A packet left without a partner is excused, not counted
    /// lost or unexplained, only when its partner may lie where the other side's capture could not see it. Either in
    /// the stretch a bounded capture left out: the packet is within <see cref="Window"/> of that stretch (anything
    /// paired is judged whatever its distance from a cut, so a bounded capture of a transfer judges all of its kept
    /// head and tail but the few packets whose partner was cut). Or outside the time the other capture ran: before its
    /// <see cref="CaptureCoverage.Opened"/> or after its <see cref="CaptureCoverage.Closed"/>. The exchange starts
    /// only once every capture is live and they stop only after it ended, so no packet of the exchange itself falls
    /// there but a straggler at its end; what does is a flow beside it, half of which the later capture missed.
    /// </summary>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, TranslatorSetup translator, CaptureCoverage? v6Coverage, CaptureCoverage? v4Coverage)
    {
        var pool = translator.Pool4;
        var mapping = new LearningAddressMapping(pool: pool is { } p ? p.Contains : null);
        var pairer = new Pairer(translator.Profile.Context(translator.Prefix, mapping, pool), Window);
        using var v6 = PcapReader.Open(v6Pcap);
        using var v4 = PcapReader.Open(v4Pcap);
        var excused = new Excuses(v6Coverage, v4Coverage);
        var report = PairingReport.Collect(excused.Filter(pairer.Pair(v6.ReadPackets(), v4.ReadPackets())), v6Pcap, v4Pcap);
        return new ExchangeVerdict(translator.Profile, report, mapping.Learned.ToList()) { Excused = excused.Count, OutsideOtherCapture = excused.Outside, CaptureLoss = excused.CaptureLoss };
    }

    /// <summary>
    /// Lone packets whose partner may lie in the stretch the other capture left out, or outside its run, or among the
    /// packets the other capture itself dropped: at most as many as it dropped (a capture that lost 5 packets cannot
    /// excuse 100 lone ones; the other 95 stay lost or unexplained).
    /// </summary>
    private sealed class Excuses(CaptureCoverage? v6, CaptureCoverage? v4)
    {
        private long _v6Dropped = v6?.Dropped ?? 0;
        private long _v4Dropped = v4?.Dropped ?? 0;

        public long Count { get; private set; }

        public long Outside { get; private set; }

        public long CaptureLoss { get; private set; }

        public IEnumerable<PairingEvent> Filter(IEnumerable<PairingEvent> events)
        {
            foreach (var e in events)
            {
                if (OutsideOther(e))
                {
                    Outside++;
                }
                else if (Excusable(e))
                {
                    Count++;
                }
                else if (LostByOther(e))
                {
                    CaptureLoss++;
                }
                else
                {
                    yield return e;
                }
            }
        }

        private static CapturedPacket? Lone(PairingEvent e) =>
            e.Outcome is PairingOutcome.Lost or PairingOutcome.Unexplained ? e.Before ?? e.After : null;

        // The partner is in the other family's capture: an IPv6 packet's in the IPv4 bridge's, and the reverse.
        private CaptureCoverage? Other(CapturedPacket lone) => lone.IpVersion == 6 ? v4 : v6;

        private bool OutsideOther(PairingEvent e) =>
            Lone(e) is { } lone && Other(lone) is { } other
            && (lone.Timestamp < other.Opened || lone.Timestamp > other.Closed);

        // The other side's capture dropped packets of its own (its ring was full): one of them may be this one's partner.
        private bool LostByOther(PairingEvent e)
        {
            if (Lone(e) is not { } lone)
            {
                return false;
            }

            ref var left = ref lone.IpVersion == 6 ? ref _v4Dropped : ref _v6Dropped;
            if (left <= 0)
            {
                return false;
            }

            left--;
            return true;
        }

        private bool Excusable(PairingEvent e) =>
            Lone(e) is { } lone && Other(lone)?.Omitted is { } gap && lone.Timestamp >= gap.From - Window && lone.Timestamp <= gap.To + Window;
    }
}

/// <summary>
/// What one side's capture can hold: it was live from <paramref name="Opened"/> to <paramref name="Closed"/> (null:
/// unknown, take it as always), less the stretch a bounded capture left out (<paramref name="Omitted"/>).
/// </summary>
public sealed record CaptureCoverage(DateTimeOffset? Opened, DateTimeOffset? Closed, (DateTimeOffset From, DateTimeOffset To)? Omitted)
{
    /// <summary>Packets the capture itself lost (<see cref="CaptureSummary.CaptureDrops"/>): a partner may be among them.</summary>
    public long Dropped { get; init; }

    /// <summary>The coverage a live capture's summary states; null for no summary.</summary>
    public static CaptureCoverage? Of(CaptureSummary? summary) => summary is null
        ? null
        : new(summary.Opened, summary.Closed, summary is { Omitted: > 0, HeadEnd: { } from, TailStart: { } to } ? (from, to) : null) { Dropped = summary.CaptureDrops };
}
