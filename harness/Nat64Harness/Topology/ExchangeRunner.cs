using Nat64Harness.Containers;
using Nat64Harness.Containers.Probe;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;
using Nat64Harness.Verification;

namespace Nat64Harness.Topology;

/// <summary>
/// Runs exchanges in a topology's probe: starts a capture at every capture point around each captured exchange
/// (bounded: a bulk transfer keeps its first and last packets, every packet counted), reads the kernel counters of
/// the VPN's other namespaces around it, and returns the probe's result with each point's pcap and summary. A
/// failed exchange comes back diagnosed (<see cref="ExchangeDiagnoser"/>); when the evidence points at a size
/// limit, the largest packet that crosses is searched for first, so the diagnosis names it.
/// </summary>
/// <param name="probe">The probe.</param>
/// <param name="runDirectory">Where the pcaps go: &lt;nn&gt;-&lt;name&gt;-&lt;point&gt;.pcap.</param>
/// <param name="capturePoints">What to capture around an exchange, in start order.</param>
/// <param name="probeUid">The uid an exchange runs as unless it says otherwise (a per-app VPN's app), or null.</param>
/// <param name="counterSources">Containers whose namespace counters are read around each captured exchange (the router's, the echo server's and the VPN's, but the one the probe shares: its counters come with its result).</param>
internal sealed class ExchangeRunner(ProbeContainer probe, string runDirectory, IReadOnlyList<CaptureSpec> capturePoints, int? probeUid, IReadOnlyList<HarnessContainer> counterSources)
{
    // Time for the last packets to cross both bridges after the probe returns.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    // Each size of a search is tried twice with this timeout before it counts as lost.
    private static readonly TimeSpan SearchTimeout = TimeSpan.FromMilliseconds(700);

    private int _count;

    /// <summary>What is captured around each captured exchange.</summary>
    public IReadOnlyList<CaptureSpec> CapturePoints => capturePoints;

    public async Task<ExchangeRun> RunAsync(Exchange exchange, string name, bool capture, CancellationToken ct)
    {
        var index = Interlocked.Increment(ref _count);
        var stem = Path.Combine(runDirectory, $"{index:D2}-{name}");
        if (probeUid is { } uid && exchange.Uid is null)
        {
            // A per-app VPN carries one uid's traffic: the probe is that app unless the exchange says otherwise.
            exchange = exchange with { Uid = uid };
        }

        var running = new List<IRunningCapture>();
        try
        {
            Task<IReadOnlyDictionary<string, long>[]>? before = null;
            if (capture)
            {
                before = Task.WhenAll(counterSources.Select(c => KernelCounters.ReadAsync(c, ct)));
                foreach (var point in capturePoints)
                {
                    running.Add(await point.StartAsync($"{stem}-{point.Point.Name}.pcap", CaptureLimits.Default, ct).ConfigureAwait(false));
                }
            }

            var result = await probe.RunExchangeAsync(exchange, ct).ConfigureAwait(false);
            var files = await Task.WhenAll(running.Select(c => c.StopAsync(Settle, ct))).ConfigureAwait(false);
            var run = new ExchangeRun(name, exchange, result, files);
            if (before is not null)
            {
                var after = await Task.WhenAll(counterSources.Select(c => KernelCounters.ReadAsync(c, ct))).ConfigureAwait(false);
                var start = await before.ConfigureAwait(false);
                run = run with { Counters = counterSources.Select((c, i) => KernelCounters.Changes(c.Name.TrimStart('/'), start[i], after[i])).ToList() };
            }

            return result.Ok ? run : run with { Diagnosis = await DiagnoseAsync(run, ct).ConfigureAwait(false) };
        }
        finally
        {
            foreach (var c in running)
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ExchangeDiagnosis> DiagnoseAsync(ExchangeRun run, CancellationToken ct)
    {
        var diagnosis = ExchangeDiagnoser.Diagnose(run);
        if (diagnosis.SizeSearch is not { } range)
        {
            return diagnosis;
        }

        var inv = System.Globalization.CultureInfo.InvariantCulture;
        List<string> command = ["nat64h-probe", "largest", "--target", run.Exchange.Target.ToString(), "--low", range.Low.ToString(inv), "--high", range.High.ToString(inv), "--timeout", SearchTimeout.TotalSeconds.ToString(inv)];
        if (run.Exchange.Uid is { } uid)
        {
            command.InsertRange(0, ["setpriv", $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "--"]);
        }

        var started = DateTimeOffset.UtcNow;
        var output = await probe.ExecAsync(command, ct).ConfigureAwait(false);
        var line = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "{\"ok\": false, \"error\": \"no output\"}";
        var search = ProbeResult.Parse(run.Exchange, line, started, DateTimeOffset.UtcNow);
        return ExchangeDiagnoser.Diagnose(run, search);
    }
}
