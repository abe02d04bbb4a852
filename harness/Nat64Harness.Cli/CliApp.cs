using System.CommandLine;
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Nat64Harness.Tests")]

namespace Nat64Harness.Cli;

/// <summary>The nat64h command line: run (live, Docker), verify and replay (offline pcaps).</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Nat64Harness: NAT64 conformance runs for VPNs, live (Docker) or from stored pcaps.")
        {
            RunCommand.Create(),
            VerifyCommand.Create(),
            ReplayCommand.Create(),
            CompareCommand.Create(),
            UpCommand.Create(),
            DownCommand.Create(),
            ReportCommand.Create(),
            MergeCommand.Create(),
            BenchCommand.Create(),
        };
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
