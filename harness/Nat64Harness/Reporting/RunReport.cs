using System.Globalization;
using System.Text;
using System.Text.Json;
using Nat64Harness.Model;

namespace Nat64Harness.Reporting;

/// <summary>A run's report: its topology, timings and rows, as a table and as JSON.</summary>
public sealed class RunReport(RunInfo run)
{
    private readonly List<RunRow> _rows = [];

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<RunRow> Rows => _rows;

    /// <summary>True when every row passed.</summary>
    public bool Passed => _rows.All(r => r.Passed);

    /// <summary>Adds a row.</summary>
    public RunRow Add(ExchangeRun run, ExchangeVerdict? verdict)
    {
        var row = new RunRow(run, verdict);
        _rows.Add(row);
        return row;
    }

    /// <summary>The table header.</summary>
    public static string Header => $"{"exchange",-16} {"probe",-5} {"oracle",-22} {"time ms",9}  pcaps";

    /// <summary>One table line.</summary>
    public static string Line(RunRow row)
    {
        var oracle = row.Verdict is null ? "not judged" : $"{(row.Verdict.Conforms ? "conform" : "FAIL")} {row.Verdict.Report.Passed}/{row.Verdict.Report.Paired} pairs";
        var line = $"{row.Run.Name,-16} {(row.Run.Result.Ok ? "ok" : "FAIL"),-5} {oracle,-22} {Time(row.Run.Result.ElapsedMs),9}  {string.Join(' ', row.Run.Pcaps.Select(Path.GetFileName))}";
        if (!row.Run.Result.Ok)
        {
            line += $"\n    probe: {row.Run.Result.Error}";
        }

        if (row.Verdict is { Conforms: true, CaptureLoss: > 0 } partial)
        {
            // A pass on what was judged: what a capture lost itself could not be, and the row says so under it.
            line += $"\n    evidence incomplete: {partial.CaptureLoss} packets without a partner not judged (a capture dropped packets of its own: {string.Join(", ", row.Run.Captures.Where(c => c.Summary?.CaptureDrops > 0).Select(c => $"{c.Point.Name} {c.Summary!.CaptureDrops}"))})";
        }

        if (row.Verdict is { Conforms: false })
        {
            line += "\n" + string.Join('\n', row.Verdict.ToString().Split('\n').Select(l => "    " + l));
        }

        return line;
    }

    // An exchange that never started (its name did not resolve) has no time: a dash, as in the HTML report, not "NaN".
    private static string Time(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>The whole table with the topology's facts.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"run {run.RunId}: router {run.Router.ToString().ToLowerInvariant()}, vpn {run.Vpn}, prefix {run.Plan.Prefix}, topology up in {run.StartTime.TotalSeconds:F1} s");
        sb.AppendLine(Header);
        foreach (var row in _rows)
        {
            sb.AppendLine(Line(row));
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"{_rows.Count(r => r.Passed)} passed, {_rows.Count(r => !r.Passed)} failed");
        return sb.ToString();
    }

    /// <summary>The report as JSON: topology, timings, probe results and oracle summaries.</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        run = run.RunId,
        router = run.Router.ToString().ToLowerInvariant(),
        vpn = run.Vpn,
        prefix = run.Plan.Prefix.ToString(),
        block = run.Plan.Block,
        topology_up_seconds = run.StartTime.TotalSeconds,
        passed = Passed,
        exchanges = _rows.Select(r => new
        {
            name = r.Run.Name,
            exchange = r.Run.Exchange.ToString(),
            passed = r.Passed,
            probe = JsonSerializer.Deserialize<JsonElement>(r.Run.Result.RawJson),
            oracle = r.Verdict is null ? null : new
            {
                conforms = r.Verdict.Conforms,
                pairs = r.Verdict.Report.Paired,
                passed = r.Verdict.Report.Passed,
                failed = r.Verdict.Report.Failed,
                lost = r.Verdict.Report.Lost,
                duplicated = r.Verdict.Report.Duplicated,
                unexplained = r.Verdict.Report.Unexplained,
                accepted_deviations = r.Verdict.Router.Deviations,
            },
            pcaps = r.Run.Pcaps,
        }),
    }, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Writes report.txt and report.json into the run directory.</summary>
    public void Save()
    {
        Directory.CreateDirectory(run.Directory);
        File.WriteAllText(Path.Combine(run.Directory, "report.txt"), ToText());
        File.WriteAllText(Path.Combine(run.Directory, "report.json"), ToJson());
    }
}
