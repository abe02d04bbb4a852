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
/// whose partner the other side's capture left out is excused; the verdict says how many were.
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
    /// Every packet kept is paired and every pair judged. A packet left without a partner is excused, not counted lost
    /// or unexplained, only when its partner may lie in the stretch the other side left out: the packet is within
    /// <see cref="Window"/> of that stretch. Anything paired is judged whatever its distance from a cut, so a bounded
    /// capture of a transfer judges all of its kept head and tail but the few packets whose partner was cut.
    /// </summary>
    public static ExchangeVerdict Verify(string v6Pcap, string v4Pcap, TranslatorSetup translator, (DateTimeOffset From, DateTimeOffset To)? v6Gap, (DateTimeOffset From, DateTimeOffset To)? v4Gap)
    {
        var pool = translator.Pool4;
        var mapping = new LearningAddressMapping(pool: pool is { } p ? p.Contains : null);
        var pairer = new Pairer(translator.Profile.Context(translator.Prefix, mapping, pool), Window);
        using var v6 = PcapReader.Open(v6Pcap);
        using var v4 = PcapReader.Open(v4Pcap);
        var excused = new Excuses(v6Gap, v4Gap);
        var report = PairingReport.Collect(excused.Filter(pairer.Pair(v6.ReadPackets(), v4.ReadPackets())), v6Pcap, v4Pcap);
        return new ExchangeVerdict(translator.Profile, report, mapping.Learned.ToList()) { Excused = excused.Count };
    }

    private static (DateTimeOffset, DateTimeOffset)? Gap(CaptureSummary? summary) =>
        summary is { Omitted: > 0, HeadEnd: { } from, TailStart: { } to } ? (from, to) : null;

    /// <summary>Lone packets whose partner may lie in the stretch the other capture left out.</summary>
    private sealed class Excuses((DateTimeOffset From, DateTimeOffset To)? v6Gap, (DateTimeOffset From, DateTimeOffset To)? v4Gap)
    {
        public long Count { get; private set; }

        public IEnumerable<PairingEvent> Filter(IEnumerable<PairingEvent> events)
        {
            foreach (var e in events)
            {
                if (Excusable(e))
                {
                    Count++;
                }
                else
                {
                    yield return e;
                }
            }
        }

        private bool Excusable(PairingEvent e)
        {
            if (e.Outcome is not (PairingOutcome.Lost or PairingOutcome.Unexplained) || (e.Before ?? e.After) is not { } lone)
            {
                return false;
            }

            // The partner is in the other family's capture: an IPv6 packet's in the IPv4 bridge's, and the reverse.
            var otherGap = lone.IpVersion == 6 ? v4Gap : v6Gap;
            return otherGap is { } gap && lone.Timestamp >= gap.From - Window && lone.Timestamp <= gap.To + Window;
        }
    }
}
