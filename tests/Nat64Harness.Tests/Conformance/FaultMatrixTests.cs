using System.Text;
using FluentAssertions;
using Nat64Harness.Images;
using Nat64Harness.Probing;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Nat64Harness.Verification;
using Nat64Harness.Vpn;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// Proves the suite catches real per-app VPN bugs: the reference VPN is started with each injected fault in
/// turn, the scenarios run against it, and every fault must fail at least one named scenario with a message
/// naming the symptom. The detection matrix (fault × scenario) is written to captures/fault-matrix.txt.
/// </summary>
[Trait("Category", "Docker")]
[Collection(DockerCollection.Name)]
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    private delegate Task<string?> Scenario(Nat64Topology topology);

    /// <summary>Each scenario returns the symptom it saw, or null when the VPN passed it.</summary>
    private static readonly (string Name, Scenario Run)[] Scenarios =
    [
        ("tcp-echo", t => Probe(t, new Exchange(ExchangeKind.Tcp, t.Plan.EchoSynthesized, Size: 1000, Timeout: TimeSpan.FromSeconds(2)))),
        ("udp-echo", t => Probe(t, new Exchange(ExchangeKind.Udp, t.Plan.EchoSynthesized, Size: 512, Timeout: TimeSpan.FromSeconds(2)))),
        ("icmpv6-echo", t => Probe(t, new Exchange(ExchangeKind.Icmp, t.Plan.EchoSynthesized, Timeout: TimeSpan.FromSeconds(2)))),
        ("udp-1400", t => Probe(t, new Exchange(ExchangeKind.Udp, t.Plan.EchoSynthesized, Size: 1400, Timeout: TimeSpan.FromSeconds(2)))),
        ("tun-audit", TunAuditAsync),
    ];

    [SkippableFact]
    public async Task EveryInjectedFault_IsCaughtByANamedScenario()
    {
        DockerRequirement.Check();
        var matrix = new List<(string Fault, string?[] Symptoms)>();
        foreach (var fault in PerAppVpn.Faults)
        {
            // Given the per-app VPN with exactly this fault
            await using var topology = await Nat64Topology.StartAsync(TopologyOptions.FromEnvironment("faults", TextWriter.Null) with { Vpn = PerAppVpn.WithFault(fault) });

            // When every scenario runs against it
            var symptoms = new string?[Scenarios.Length];
            for (var i = 0; i < Scenarios.Length; i++)
            {
                symptoms[i] = await Scenarios[i].Run(topology);
            }

            matrix.Add((fault, symptoms));
            output.WriteLine($"{fault}: {string.Join(" | ", symptoms.Select((s, i) => s is null ? null : $"{Scenarios[i].Name}: {s}").OfType<string>())}");
        }

        var text = Render(matrix);
        Directory.CreateDirectory(RepositoryLayout.Captures);
        await File.WriteAllTextAsync(Path.Combine(RepositoryLayout.Captures, "fault-matrix.txt"), text);
        output.WriteLine(text);

        // Then each fault failed at least one scenario, with its symptom named
        matrix.Where(m => m.Symptoms.All(s => s is null)).Select(m => m.Fault).Should().BeEmpty($"every fault must be caught:\n{text}");
    }

    private static async Task<string?> Probe(Nat64Topology topology, Exchange exchange)
    {
        var run = await topology.RunAsync(exchange, $"fault-{exchange.Kind.ToString().ToLowerInvariant()}-{exchange.Size}", capture: false);
        return run.Result.Ok ? null : $"probe: {run.Result.Error}";
    }

    private static async Task<string?> TunAuditAsync(Nat64Topology topology)
    {
        foreach (var (exchange, hopLimit) in new[]
        {
            (new Exchange(ExchangeKind.Icmp, topology.Plan.EchoSynthesized, HopLimit: 200, Timeout: TimeSpan.FromSeconds(2)), 200),
            (new Exchange(ExchangeKind.Udp, topology.Plan.EchoSynthesized, Timeout: TimeSpan.FromSeconds(2)), 64),
        })
        {
            var run = await topology.RunAsync(exchange, "fault-tun-audit");
            var report = TunAudit.Inspect(run.TunPcap!, topology.Plan.TunnelClientV6, hopLimit);
            foreach (var pcap in run.Pcaps)
            {
                File.Delete(pcap);
            }

            if (report.Responses == 0)
            {
                return "no response of the VPN in its TUN: the app's traffic bypassed the VPN or got no answer";
            }

            if (report.Violations.Count > 0)
            {
                return report.Violations[0];
            }
        }

        return null;
    }

    private static string Render(List<(string Fault, string?[] Symptoms)> matrix)
    {
        var sb = new StringBuilder("detection matrix: per-app VPN fault × scenario (X caught, . passed)\n");
        sb.Append($"{"fault",-24}");
        foreach (var (name, _) in Scenarios)
        {
            sb.Append($" {name,-12}");
        }

        sb.AppendLine();
        foreach (var (fault, symptoms) in matrix)
        {
            sb.Append($"{fault,-24}");
            foreach (var s in symptoms)
            {
                sb.Append($" {(s is null ? "." : "X"),-12}");
            }

            sb.AppendLine();
        }

        var caught = matrix.Count(m => m.Symptoms.Any(s => s is not null));
        sb.AppendLine($"{caught} of {matrix.Count} faults caught");
        foreach (var (fault, symptoms) in matrix)
        {
            foreach (var (s, i) in symptoms.Select((s, i) => (s, i)).Where(x => x.s is not null))
            {
                sb.AppendLine($"  {fault} / {Scenarios[i].Name}: {s}");
            }
        }

        return sb.ToString();
    }
}
