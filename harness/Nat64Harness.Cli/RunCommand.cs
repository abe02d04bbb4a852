using System.CommandLine;
using Nat64Harness.Probing;
using Nat64Harness.Topology;
using Nat64Harness.Vpn;

namespace Nat64Harness.Cli;

/// <summary>`nat64h run`: starts the baseline topology, runs TCP, UDP and ICMPv6 exchanges, prints verdicts.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var block = new Option<int?>("--block") { Description = "Address block N (0-255) instead of a free one" };
        var vpn = new Option<string>("--vpn") { Description = "VPN under test: none, wireguard, openvpn, or a folder under containers/ following containers/vpn-contract.md", DefaultValueFactory = _ => "none" };
        var command = new Command("run", "Run a topology (probe [→ VPN] → Tayga NAT64 → IPv4-only echo) and judge every exchange") { block, vpn };
        command.SetAction(async (parse, ct) =>
        {
            var options = TopologyOptions.FromEnvironment("run", Console.Out) with { Block = parse.GetValue(block), Vpn = VpnCatalog.Find(parse.GetValue(vpn)!) };
            await using var topology = await Nat64Topology.StartAsync(options, ct).ConfigureAwait(false);
            var target = topology.Plan.EchoSynthesized;
            var failed = 0;
            foreach (var (name, exchange) in new[]
            {
                ("tcp-echo", new Exchange(ExchangeKind.Tcp, target, Size: 1000)),
                ("udp-echo", new Exchange(ExchangeKind.Udp, target, Size: 512, Count: 3)),
                ("icmpv6-echo", new Exchange(ExchangeKind.Icmp, target, Size: 56, Count: 3)),
            })
            {
                var run = await topology.RunAsync(exchange, name, ct: ct).ConfigureAwait(false);
                Console.WriteLine($"{name,-12} {(run.Result.Ok ? "PASS" : "FAIL")} {run.Result.ElapsedMs,8:F1} ms  v6 {run.V6Packets} pkts, v4 {run.V4Packets} pkts  {run.Result.Error}");
                failed += run.Result.Ok ? 0 : 1;
            }

            Console.WriteLine($"captures: {topology.RunDirectory}");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
