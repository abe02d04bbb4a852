using System.CommandLine;
using Nat64Harness.Probing;
using Nat64Harness.Topology;

namespace Nat64Harness.Cli;

/// <summary>`nat64h run`: starts the baseline topology, runs TCP, UDP and ICMPv6 exchanges, prints verdicts.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var block = new Option<int?>("--block") { Description = "Address block N (0-255) instead of a free one" };
        var command = new Command("run", "Run the baseline topology (probe → Tayga NAT64 → IPv4-only echo) and judge every exchange") { block };
        command.SetAction(async (parse, ct) =>
        {
            var options = TopologyOptions.FromEnvironment("baseline", Console.Out) with { Block = parse.GetValue(block) };
            await using var topology = await BaselineTopology.StartAsync(options, ct).ConfigureAwait(false);
            var target = topology.Plan.EchoSynthesized;
            var failed = 0;
            foreach (var (name, exchange) in new[]
            {
                ("tcp-echo", new Exchange(ExchangeKind.Tcp, target, Size: 1000)),
                ("udp-echo", new Exchange(ExchangeKind.Udp, target, Size: 512, Count: 3)),
                ("icmpv6-echo", new Exchange(ExchangeKind.Icmp, target, Size: 56, Count: 3)),
            })
            {
                var run = await topology.RunAsync(exchange, name, ct).ConfigureAwait(false);
                Console.WriteLine($"{name,-12} {(run.Result.Ok ? "PASS" : "FAIL")} {run.Result.ElapsedMs,8:F1} ms  v6 {run.V6Packets} pkts, v4 {run.V4Packets} pkts  {run.Result.Error}");
                failed += run.Result.Ok ? 0 : 1;
            }

            Console.WriteLine($"captures: {topology.RunDirectory}");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
