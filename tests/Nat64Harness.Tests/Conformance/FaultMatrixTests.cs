using System.Text;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
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
[Trait("Vpn", "perapp")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    private delegate Task<string?> Sweep(Nat64Topology topology);

    /// <summary>A failure is the expected outcome here: one message per scenario, each costing one short timeout.</summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(2);

    /// <summary>Each scenario returns the symptom it saw, or null when the VPN passed it.</summary>
    private static readonly (string Name, Sweep Run)[] Scenarios =
    [
        .. ScenarioCatalog.FaultSweep.Select(s => (s.Name, (Sweep)(t => Probe(t, s.Quick(Quick))))),
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
            await using var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("faults", TextWriter.Null) with { Vpn = PerAppVpn.WithFault(fault) });

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
        var captures = TestSettings.Current.Layout.Captures;
        Directory.CreateDirectory(captures);
        await File.WriteAllTextAsync(Path.Combine(captures, "fault-matrix.txt"), text);
        output.WriteLine(text);

        // Then each fault failed at least one scenario, with its symptom named
        matrix.Where(m => m.Symptoms.All(s => s is null)).Select(m => m.Fault).Should().BeEmpty($"every fault must be caught:\n{text}");
    }

    private static async Task<string?> Probe(Nat64Topology topology, Scenario scenario)
    {
        var run = await topology.RunAsync(scenario.Build(topology.Plan), $"fault-{scenario.Name}", capture: false);
        return run.Result.Ok ? null : $"probe: {run.Result.Error}";
    }

    private static async Task<string?> TunAuditAsync(Nat64Topology topology)
    {
        // An unusual hop limit a copied header would betray, then the default one (64)
        foreach (var (scenario, hopLimit) in new[] { (ScenarioCatalog.TunProbe(ExchangeKind.Icmp, 200), 200), (ScenarioCatalog.TunProbe(ExchangeKind.Udp, 0), 64) })
        {
            var run = await topology.RunAsync(scenario);
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
