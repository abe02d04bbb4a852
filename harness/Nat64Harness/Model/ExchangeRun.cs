namespace Nat64Harness.Model;

/// <summary>One exchange as run: what the probe said and the pcap of each capture point around it (none when not captured).</summary>
/// <param name="Name">The exchange's name in the run (file names, reports).</param>
/// <param name="Exchange">What the probe was asked to do.</param>
/// <param name="Result">What the probe reported.</param>
/// <param name="Captures">Each capture point's pcap, in the order the captures started.</param>
public sealed record ExchangeRun(string Name, Exchange Exchange, ProbeResult Result, IReadOnlyList<CaptureFile> Captures)
{
    /// <summary>The pcap taken at <paramref name="point"/>, or null when that point was not captured.</summary>
    public string? PcapOf(CapturePoint point) => Captures.FirstOrDefault(c => c.Point == point)?.Path;

    /// <summary>The IPv6 side of the router.</summary>
    public string? V6Pcap => PcapOf(CapturePoint.V6Bridge);

    /// <summary>The IPv4 side of the router.</summary>
    public string? V4Pcap => PcapOf(CapturePoint.V4Bridge);

    /// <summary>The DNS clients' leg on the access bridge (queries to the resolver and its answers), when the run has DNS.</summary>
    public string? DnsPcap => PcapOf(CapturePoint.Dns);

    /// <summary>The tunnel VPN's underlay.</summary>
    public string? UnderlayPcap => PcapOf(CapturePoint.Underlay);

    /// <summary>The in-namespace capture of what the VPN wrote into its TUN, when it has one.</summary>
    public string? TunPcap => PcapOf(CapturePoint.Tun);

    /// <summary>The kernel counters that changed during the exchange in every namespace the probe does not share (router, echo server, VPN; the probe's own are in its result).</summary>
    public IReadOnlyList<CounterChanges> Counters { get; init; } = [];

    /// <summary>What the evidence says about a failed exchange; null when the probe reported success.</summary>
    public ExchangeDiagnosis? Diagnosis { get; init; }

    /// <summary>What a capture point saw, counted over every packet, when it was captured.</summary>
    public CaptureSummary? SummaryOf(CapturePoint point) => Captures.FirstOrDefault(c => c.Point == point)?.Summary;

    /// <summary>Every pcap written for the exchange.</summary>
    public IEnumerable<string> Pcaps => Captures.Select(c => c.Path);

    /// <summary>The record of when each capture was live, beside the pcaps (<c>01-tcp-echo.captures.json</c>), when written.</summary>
    public string? CaptureRecord { get; init; }

    /// <summary>Every file the exchange left in the run's folder: its pcaps and their record.</summary>
    public IEnumerable<string> Files => CaptureRecord is { } record ? Pcaps.Append(record) : Pcaps;
}
