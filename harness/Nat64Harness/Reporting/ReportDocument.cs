using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Replay;

namespace Nat64Harness.Reporting;

/// <summary>What an HTML report shows: the run's facts, its exchanges, and the optional tables of a run.</summary>
/// <param name="Title">The page title.</param>
/// <param name="Facts">Label and value of each fact (run id, router, VPN, prefix, times).</param>
/// <param name="Exchanges">The exchanges, in run order.</param>
public sealed record ReportDocument(string Title, IReadOnlyList<(string Label, string Value)> Facts, IReadOnlyList<ReportExchange> Exchanges)
{
    /// <summary>The router's profile (forwarding hops, DF rule, accepted deviations), when known.</summary>
    public RouterProfile? Router { get; init; }

    /// <summary>The NAT64 prefix, when known (it places arrows the oracle did not pair).</summary>
    public Nat64Prefix? Prefix { get; init; }

    /// <summary>Addresses on the probe's side of the path (probe, VPN client), when known.</summary>
    public IReadOnlyList<IPAddress> ProbeSide { get; init; } = [];

    /// <summary>A fault matrix as text (one row per fault), when the run has one.</summary>
    public string? FaultMatrix { get; init; }

    /// <summary>Where two translators' outputs differ, when the run compared them; the two names head the columns.</summary>
    public (string A, string B, IReadOnlyList<CrossDifference> Rows)? CrossTranslator { get; init; }

    /// <summary>How much of each exchange is drawn.</summary>
    public LadderLimits Limits { get; init; } = LadderLimits.Default;

    /// <summary>The document of a live run: its facts, router, prefix and probe-side addresses from the run's plan.</summary>
    public static ReportDocument ForRun(RunInfo run, RouterProfile router, IEnumerable<ReportExchange> exchanges)
    {
        ArgumentNullException.ThrowIfNull(run);
        var plan = run.Plan;
        return new ReportDocument(
            $"Nat64Harness run {run.RunId}",
            [
                ("run", run.RunId),
                ("router", run.Router.ToString().ToLowerInvariant()),
                ("vpn", run.Vpn),
                ("prefix", plan.Prefix.ToString()),
                ("block", plan.Block.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("topology up", $"{run.StartTime.TotalSeconds:F1} s"),
            ],
            [.. exchanges])
        {
            Router = router,
            Prefix = plan.Prefix,
            ProbeSide = [plan.ProbeV6, plan.TunnelClientV6, plan.VpnClientUnderlay],
        };
    }

    /// <summary>The document of stored fixtures replayed through the oracle: one exchange per folder, named after it.</summary>
    public static ReportDocument ForReplays(string title, IEnumerable<ReplayResult> replays)
    {
        ArgumentNullException.ThrowIfNull(replays);
        var exchanges = replays.Select(r =>
        {
            var scenario = Path.Combine(r.Folder, ScenarioFile.FileName);
            var prefix = File.Exists(scenario) && Nat64Prefix.TryParse(ScenarioFile.Load(scenario).Prefix, out var p) ? p : null;
            return ReportExchange.FromPcaps(Path.GetFileName(Path.TrimEndingDirectorySeparator(r.Folder)), Path.Combine(r.Folder, Replayer.BeforeFile), Path.Combine(r.Folder, Replayer.AfterFile), r.Report) with { Prefix = prefix };
        }).ToList();
        return new ReportDocument(title, [("fixtures", exchanges.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))], exchanges);
    }
}
