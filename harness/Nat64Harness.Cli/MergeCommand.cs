using System.CommandLine;
using Nat64Harness.Reporting;

namespace Nat64Harness.Cli;

/// <summary>`nat64h merge &lt;folder&gt;`: every JUnit XML file under a folder (CI shards' results) as one JUnit file, one HTML page and a Markdown summary.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder searched for JUnit XML files (*.xml), recursively" };
        var junit = new Option<FileInfo?>("--junit") { Description = "The merged JUnit XML" };
        var html = new Option<FileInfo?>("--html") { Description = "The merged results as one HTML page" };
        var summary = new Option<FileInfo?>("--summary") { Description = "Append a Markdown summary to this file (a CI job summary)" };
        var command = new Command("merge", "Merge JUnit XML files into one report; exit 0 when no test failed, 1 when one did, 2 when nothing could be read")
        {
            folder, junit, html, summary,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(folder)!;
            var suites = new List<JunitSuite>();
            foreach (var file in root.Exists ? Directory.EnumerateFiles(root.FullName, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                try
                {
                    suites.AddRange(JunitRead.Suites(file));
                }
                catch (FormatException e)
                {
                    Console.Error.WriteLine($"nat64h merge: skipped {e.Message}");
                }
            }

            if (suites.Count == 0)
            {
                Console.Error.WriteLine($"nat64h merge: no JUnit XML under {root.FullName}");
                return 2;
            }

            const string title = "Nat64Harness: every shard";
            if (parse.GetValue(junit) is { } j)
            {
                JunitReport.Save(j.FullName, suites);
            }

            if (parse.GetValue(html) is { } h)
            {
                JunitHtml.Save(h.FullName, title, suites);
            }

            var markdown = JunitHtml.Markdown(title, suites);
            if (parse.GetValue(summary) is { } s)
            {
                File.AppendAllText(s.FullName, markdown);
            }

            Console.Write(markdown);
            return suites.SelectMany(x => x.Cases).Any(c => c.Failure is not null) ? 1 : 0;
        });
        return command;
    }
}
