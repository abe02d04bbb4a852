using Nat64Harness.Containers.Probe;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;

namespace Nat64Harness.Topology;

/// <summary>
/// Runs exchanges in a topology's probe: starts a capture at every capture point around each captured exchange,
/// and returns the probe's result with each point's pcap, named by its point.
/// </summary>
/// <param name="probe">The probe.</param>
/// <param name="runDirectory">Where the pcaps go: &lt;nn&gt;-&lt;name&gt;-&lt;point&gt;.pcap.</param>
/// <param name="capturePoints">What to capture around an exchange, in start order.</param>
/// <param name="probeUid">The uid an exchange runs as unless it says otherwise (a per-app VPN's app), or null.</param>
internal sealed class ExchangeRunner(ProbeContainer probe, string runDirectory, IReadOnlyList<CaptureSpec> capturePoints, int? probeUid)
{
    // Time for the last packets to cross both bridges after the probe returns.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

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
            if (capture)
            {
                foreach (var point in capturePoints)
                {
                    running.Add(await point.StartAsync($"{stem}-{point.Point.Name}.pcap", ct).ConfigureAwait(false));
                }
            }

            var result = await probe.RunExchangeAsync(exchange, ct).ConfigureAwait(false);
            var files = await Task.WhenAll(running.Select(c => c.StopAsync(Settle, ct))).ConfigureAwait(false);
            return new ExchangeRun(name, exchange, result, files);
        }
        finally
        {
            foreach (var c in running)
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
