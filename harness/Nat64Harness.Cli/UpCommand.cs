using System.CommandLine;
using Nat64Harness.Vpn;

namespace Nat64Harness.Cli;

/// <summary>
/// `nat64h up`: starts a topology and leaves it running for a person to debug a VPN by hand, printing how to
/// reach each container, its addresses and where to capture. `nat64h down` removes it.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var block = CliOptions.Block();
        var vpn = CliOptions.Vpn();
        var router = CliOptions.Router();
        var verbose = CliOptions.Verbose();
        var command = new Command("up", "Start a topology and leave it running (nat64h down removes it)") { block, vpn, router, verbose };
        command.SetAction(async (parse, ct) =>
        {
            var settings = CliSettings.Current;
            using var output = CliOutput.Start(settings.Layout.Captures, "up", parse.GetValue(verbose));
            var options = settings.Topology("up", output.Log) with
            {
                Block = parse.GetValue(block) ?? settings.Block,
                Vpn = VpnCatalog.Find(parse.GetValue(vpn)!, settings.Layout.Containers),
                Router = parse.GetValue(router),
                Progress = output.Phases,
                Keep = true,
            };
            output.Line($"nat64h up: router {options.Router.ToString().ToLowerInvariant()}, vpn {options.Vpn?.Name ?? "none"}, prefix {options.Prefix}");
            var topology = await RunCommand.StartAsync(options, output, ct).ConfigureAwait(false);
            if (topology is null)
            {
                return 2;
            }

            // Not disposed: the containers and networks stay, labelled as kept, until `nat64h down`.
            output.MoveInto(topology.RunDirectory);
            output.Phase("topology up", topology.StartTime);
            output.Line();
            output.Line(TopologyGuide.Render(topology).TrimEnd());
            return 0;
        });
        return command;
    }
}
