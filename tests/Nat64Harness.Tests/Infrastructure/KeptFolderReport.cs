using Nat64Harness.Cli;
using Nat64Harness.Model;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// `nat64h report` on one live exchange's kept files alone (its pcaps and capture record copied to a folder of their
/// own): what a user re-judging a kept folder sees of that exchange, to set beside the live verdict.
/// </summary>
internal static class KeptFolderReport
{
    public static async Task<(int Exit, string Page)> RunAsync(ExchangeRun run)
    {
        var folder = Directory.CreateTempSubdirectory("nat64h-kept-").FullName;
        try
        {
            foreach (var file in run.Files)
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var exit = await CliApp.RunAsync(["report", folder]);
            return (exit, await File.ReadAllTextAsync(Path.Combine(folder, "report.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
