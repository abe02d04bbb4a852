using System.CommandLine;
using Nat64Harness.Capture;
using Nat64Harness.Replay;
using Nat64Harness.Reporting;

namespace Nat64Harness.Cli;

/// <summary>`nat64h replay fixtures/&lt;scenario&gt;`: replays a fixture folder through the oracle, no Docker needed.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Fixture folder: before.pcap, after.pcap, scenario.json" };
        var junit = CliOptions.Junit();
        var html = new Option<FileInfo?>("--html") { Description = "Also write the packet ladder and verdicts as a self-contained HTML report to this file" };
        var command = new Command("replay", "Replay a fixture folder through the oracle; exit 0 when it conforms, 1 when not, 2 on unreadable input") { folder, junit, html };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(folder)!.FullName;
            try
            {
                var result = Replayer.ReplayFixture(path);
                Console.WriteLine(result.Report.ToText());
                if (result.ExpectFail)
                {
                    Console.WriteLine($"{path} is a negative fixture (expect-fail): it must not conform.");
                }

                if (parse.GetValue(junit) is { } file)
                {
                    var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
                    JunitReport.Save(file.FullName, [new JunitSuite($"replay {name}", JunitReport.PairGroups(result.Report, $"nat64h.replay.{name}"), [("folder", path), ("expect-fail", result.ExpectFail ? "true" : "false")])]);
                }

                if (parse.GetValue(html) is { } page)
                {
                    HtmlReport.Save(ReportDocument.ForReplays($"nat64h replay {path}", [result]), page.FullName);
                }

                return result.Report.Conforms ? 0 : 1;
            }
            catch (Exception e) when (e is PcapFormatException or IOException or ArgumentException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"nat64h replay: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
