using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Oracle;

namespace Nat64Harness.Reporting;

/// <summary>
/// One exchange as a report shows it: its captures, what the probe said (when a probe ran it) and the oracle's
/// pairing of its router's two sides (when judged). Built from a live run's <see cref="RunRow"/> or from stored
/// pcaps replayed through the oracle.
/// </summary>
/// <param name="Name">The exchange's name.</param>
/// <param name="Captures">Each capture point's pcap, in capture order.</param>
/// <param name="Pairing">The oracle's pairing of the router's IPv6 and IPv4 sides, or null when not judged.</param>
/// <param name="ProbeOk">The probe's verdict, or null when no probe ran (stored pcaps).</param>
/// <param name="ProbeError">The probe's explanation of a failure.</param>
/// <param name="ElapsedMs">The probe's time, NaN when unknown.</param>
public sealed record ReportExchange(string Name, IReadOnlyList<CaptureFile> Captures, PairingReport? Pairing, bool? ProbeOk = null, string? ProbeError = null, double ElapsedMs = double.NaN)
{
    /// <summary>The NAT64 prefix of this exchange when it differs from the document's (stored fixtures each have their own).</summary>
    public Nat64Prefix? Prefix { get; init; }

    /// <summary>Lone packets the oracle excused: their partner may lie in the stretch the other side's bounded capture left out.</summary>
    public long Excused { get; init; }

    /// <summary>Lone packets the oracle excused: taken while the other side's capture was not running.</summary>
    public long OutsideOtherCapture { get; init; }

    /// <summary>Lone packets the oracle did not judge: the other side's capture dropped packets of its own, and the partner may be among them.</summary>
    public long CaptureLoss { get; init; }

    /// <summary>What the judging knew of when each capture was live (stored pcaps: whether a capture record was found), or null.</summary>
    public string? CoverageNote { get; init; }

    /// <summary>Why the verdict is what it is, when the oracle's counts alone do not say it (nothing crossed the router), or null.</summary>
    public string? Note { get; init; }

    /// <summary>The probe (when it ran) and the oracle (when it judged) both passed.</summary>
    public bool Passed => ProbeOk != false && Pairing?.Conforms != false;

    /// <summary>A live run's row.</summary>
    public static ReportExchange From(RunRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ReportExchange(row.Run.Name, row.Run.Captures, row.Verdict?.Report, row.Run.Result.Ok, row.Run.Result.Error, row.Run.Result.ElapsedMs)
        {
            Excused = row.Verdict?.Excused ?? 0,
            OutsideOtherCapture = row.Verdict?.OutsideOtherCapture ?? 0,
            CaptureLoss = row.Verdict?.CaptureLoss ?? 0,
        };
    }

    /// <summary>Two stored pcaps of a translator's sides and the oracle's report on them.</summary>
    public static ReportExchange FromPcaps(string name, string v6Pcap, string v4Pcap, PairingReport pairing) =>
        new(name, [new CaptureFile(CapturePoint.V6Bridge, v6Pcap, null), new CaptureFile(CapturePoint.V4Bridge, v4Pcap, null)], pairing);
}
