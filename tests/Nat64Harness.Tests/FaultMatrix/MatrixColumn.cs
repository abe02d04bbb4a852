using Nat64Harness.Scenarios;
using Nat64Harness.Topology;
using Nat64Harness.Verification;

namespace Nat64Harness.Tests.FaultMatrix;

/// <summary>
/// One column of the fault matrix: scenarios run against the VPN of a row, and what their failure says. Every
/// exchange is captured; the failure text is the probe's error, then what the audit of the packets the VPN wrote
/// toward the app found (TunAudit), then, for a leak column, app addresses on the access network (LeakAudit), so that
/// a cell counts as caught only when the evidence names the symptom.
/// </summary>
/// <param name="Name">The column's name in the matrix.</param>
/// <param name="Probes">Its exchanges, each with the hop limit its requests carry.</param>
/// <param name="Leak">Whether the access bridge is audited for the app's addresses too.</param>
public sealed record MatrixColumn(string Name, IReadOnlyList<(Scenario Scenario, int RequestHopLimit)> Probes, bool Leak = false)
{
    /// <summary>A failure is the expected outcome here: each exchange sends one message and waits 2 s at most.</summary>
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(2);

    /// <summary>The columns, in the order of the expected matrix.</summary>
    public static IReadOnlyList<MatrixColumn> All { get; } =
    [
        Of("tcp-echo", ScenarioCatalog.TcpEcho),
        Of("udp-echo", ScenarioCatalog.UdpEcho),
        Of("icmpv6-echo", ScenarioCatalog.Icmpv6Echo),
        Of("udp-1400", ScenarioCatalog.LargeDatagram),
        new("audit-icmpv6", [PerAppScenarios.AuditProbes[0]]),
        new("audit-udp", [PerAppScenarios.AuditProbes[1]]),
        new("audit-tcp", [PerAppScenarios.AuditProbes[2]]),
        new("close-first", [(PerAppScenarios.CloseFirst.Quick(Quick), 64)], Leak: true),

        // Last: when a fault breaks its 256 KiB flow after the app gave up (truncate-1280), the VPN's stack keeps
        // retransmitting full segments toward the app for a while, and a column after it would audit them as its
        // own (measured: every later column of truncate-1280 saw "payload length 1460 exceeds the 1240 bytes").
        Of("half-close", PerAppScenarios.HalfClose with { Captured = true }),
    ];

    /// <summary>Runs the column; null when it passed, else everything it saw wrong.</summary>
    public async Task<string?> RunAsync(Nat64Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var vpn = topology.Vpn ?? throw new InvalidOperationException("the fault matrix runs behind a per-app VPN");
        var problems = new List<string>();
        foreach (var (scenario, hopLimit) in Probes)
        {
            var run = await topology.RunAsync(scenario);
            try
            {
                if (!run.Result.Ok)
                {
                    problems.Add($"probe: {run.Result.Error}");
                }

                var audit = TunAudit.Inspect(run.TunPcap!, vpn.Facts!.AppV6, hopLimit);
                if (audit.Responses == 0)
                {
                    problems.Add(run.Result.Ok ? "device: the exchange bypassed the VPN (it wrote nothing toward the app)" : "device: the VPN wrote nothing toward the app");
                }

                problems.AddRange(audit.Violations.Distinct().Take(3).Select(v => $"device: {v}"));
                if (Leak)
                {
                    problems.AddRange(LeakAudit.Inspect(run.V6Pcap!, vpn.AppAddresses.ToList()).Violations.Take(3).Select(v => $"access: {v}"));
                }
            }
            finally
            {
                foreach (var file in run.Files)
                {
                    File.Delete(file);
                }
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static MatrixColumn Of(string name, Scenario scenario) => new(name, [(scenario.Quick(Quick), 64)]);
}
