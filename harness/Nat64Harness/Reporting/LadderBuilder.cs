using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Oracle;
using Nat64Harness.Packets;

namespace Nat64Harness.Reporting;

/// <summary>
/// Builds the ladder of one exchange by streaming its pcaps once each. Which way an arrow points comes, in order,
/// from the oracle (a 6→4 pair travels outbound on both sides; an ICMP error the translator returned goes back),
/// from the NAT64 prefix (an IPv6 destination inside it is outbound, a source inside it inbound), from addresses
/// already placed on the probe's side, and last from the first packet between two addresses (the probe starts
/// every exchange).
/// </summary>
public static class LadderBuilder
{
    /// <summary>Builds the ladder of <paramref name="exchange"/>.</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="prefix">The NAT64 prefix, when known.</param>
    /// <param name="probeSide">Addresses known to sit on the probe's side (probe, VPN client), when known.</param>
    /// <param name="limits">Caps; <see cref="LadderLimits.Default"/> when null.</param>
    public static Ladder Build(ReportExchange exchange, Nat64Prefix? prefix = null, IEnumerable<IPAddress>? probeSide = null, LadderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        limits ??= LadderLimits.Default;
        var judged = Judge(exchange.Pairing, limits, out var failures, out var failuresOmitted);
        var bands = LadderLayout.Order(exchange.Captures.Select(c => c.Point));
        var state = new DirectionState(prefix, probeSide);
        var packets = new List<LadderPacket>();
        var captured = new Dictionary<CapturePoint, long>();
        var errors = new List<string>();
        long omitted = 0, nonIp = 0, failedDrawn = 0;
        foreach (var point in bands)
        {
            var file = exchange.Captures.First(c => c.Point == point);
            captured[point] = 0;
            try
            {
                using var reader = PcapReader.Open(file.Path);
                foreach (var packet in reader.ReadPackets())
                {
                    captured[point]++;
                    judged.TryGetValue((packet.IpVersion, point, packet.Index), out var mark);
                    var failed = mark.Outcome is not null and not "pass";
                    var draw = packets.Count - failedDrawn < limits.MaxArrows || (failed && failedDrawn < limits.MaxFailedArrows);
                    if (!draw)
                    {
                        omitted++;
                        continue;
                    }

                    if (packets.Count - failedDrawn >= limits.MaxArrows)
                    {
                        failedDrawn++;
                    }

                    packets.Add(Arrow(point, packet, mark, state));
                }

                nonIp += reader.NonIpFrames;
            }
            catch (Exception e) when (e is PcapFormatException or IOException)
            {
                errors.Add($"{Path.GetFileName(file.Path)}: {e.Message}");
            }
        }

        var ordered = packets.Select((p, i) => (p, i)).OrderBy(x => x.p.Timestamp).ThenBy(x => x.i).Select(x => x.p).ToList();
        return new Ladder(bands, LadderLayout.Lifelines(bands), ordered, captured, omitted, nonIp, failures, failuresOmitted, errors);
    }

    private static LadderPacket Arrow(CapturePoint point, CapturedPacket packet, Mark mark, DirectionState state)
    {
        if (!IpPacket.TryParse(packet.Ip, embedded: false, out var parsed, out var error))
        {
            var d = mark.Direction ?? LadderDirection.Outbound;
            return new LadderPacket(point, packet.Index, packet.Timestamp, d, $"undecodable: {error}", $"frame {packet.Index}: {error}", mark.PairId, mark.Outcome);
        }

        var direction = mark.Direction ?? state.Guess(parsed);
        state.Learn(parsed, direction);
        var (label, detail) = PacketLabel.Of(parsed, packet.Ip.Length);
        return new LadderPacket(point, packet.Index, packet.Timestamp, direction, label, $"{point} #{packet.Index}: {detail}", mark.PairId, mark.Outcome);
    }

    // The oracle's word on each packet of the router's two sides, keyed by (IP version, capture point, frame index).
    private static Dictionary<(int, CapturePoint, long), Mark> Judge(PairingReport? report, LadderLimits limits, out List<LadderFailure> failures, out long failuresOmitted)
    {
        var marks = new Dictionary<(int, CapturePoint, long), Mark>();
        failures = [];
        failuresOmitted = 0;
        if (report is null)
        {
            return marks;
        }

        var id = 0;
        foreach (var e in report.Rows)
        {
            id++;
            var outcome = OutcomeName(e);
            var forward = e.Verdict?.Direction switch
            {
                TranslationDirection.Ipv6ToIpv4 => LadderDirection.Outbound,
                TranslationDirection.Ipv4ToIpv6 => LadderDirection.Inbound,
                _ => (LadderDirection?)null,
            };
            var answerGoesBack = e.Outcome is PairingOutcome.ErrorReturned or PairingOutcome.AnsweredAsRequired;
            var refs = new List<string>();
            foreach (var (packet, isAnswer) in new[] { (e.Before, false), (e.After, answerGoesBack) })
            {
                if (packet is not { } p)
                {
                    continue;
                }

                var point = p.IpVersion == 6 ? CapturePoint.V6Bridge : CapturePoint.V4Bridge;
                var direction = forward is { } f && isAnswer ? Reverse(f) : forward;
                marks[(p.IpVersion, point, p.Index)] = new Mark(id, outcome, direction);
                refs.Add($"{point} #{p.Index}");
            }

            if (e.Passed)
            {
                continue;
            }

            if (failures.Count < limits.MaxFailures)
            {
                var description = e.Verdict?.Description ?? Describe(e);
                failures.Add(new LadderFailure(id, e.Outcome, description, refs, e.Verdict?.Failures.ToList() ?? []));
            }
            else
            {
                failuresOmitted++;
            }
        }

        return marks;
    }

    private static LadderDirection Reverse(LadderDirection d) => d == LadderDirection.Outbound ? LadderDirection.Inbound : LadderDirection.Outbound;

    private static string OutcomeName(PairingEvent e) => e.Passed ? "pass" : e.Outcome switch
    {
        PairingOutcome.Paired or PairingOutcome.ErrorReturned or PairingOutcome.AnsweredAsRequired => "fail",
        PairingOutcome.NotAnswered => "not-answered",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string Describe(PairingEvent e) =>
        (e.Before ?? e.After) is { } p && IpPacket.TryParse(p.Ip, embedded: false, out var parsed, out _)
            ? $"{TranslationOracle.Describe(parsed)} ({e.Outcome.ToString().ToLowerInvariant()})"
            : e.Outcome.ToString().ToLowerInvariant();

    private readonly record struct Mark(int? PairId, string? Outcome, LadderDirection? Direction);
}
