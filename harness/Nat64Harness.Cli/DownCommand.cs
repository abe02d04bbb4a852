using System.CommandLine;
using Nat64Harness.Docker;

namespace Nat64Harness.Cli;

/// <summary>`nat64h down`: removes the topologies `nat64h up` left running and whatever a crashed run left behind.</summary>
internal static class DownCommand
{
    public static Command Create()
    {
        var command = new Command("down", "Remove topologies left running by `up`, and everything crashed runs left");
        command.SetAction(async (parse, ct) =>
        {
            _ = CliSettings.Current;
            using var client = DockerEngine.CreateClient();
            var removed = await StaleResourceReaper.ReapAsync(client, ct, includeKept: true).ConfigureAwait(false);
            foreach (var line in removed)
            {
                Console.WriteLine($"removed {line}");
            }

            Console.WriteLine(removed.Count == 0 ? "nothing to remove" : $"{removed.Count(r => !r.Contains("NOT removed", StringComparison.Ordinal))} removed");
            return removed.Any(r => r.Contains("NOT removed", StringComparison.Ordinal)) ? 1 : 0;
        });
        return command;
    }
}
