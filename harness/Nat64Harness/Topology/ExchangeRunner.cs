using System.Net;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Docker;
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
/// <param name="outerAddress">Behind a VPN that proxies the app's packets through its own sockets, its address toward the NAT64 (UDP exchanges guard that leg's checksums: <see cref="Exchange.OuterAddress"/>); else null.</param>
/// <param name="watched">Every container the exchange depends on (router, echo server, each of the VPN's): a failed exchange first asks whether one of them stopped, and names it with its exit and last log lines.</param>
internal sealed class ExchangeRunner(ProbeContainer probe, string runDirectory, IReadOnlyList<CaptureSpec> capturePoints, int? probeUid, IReadOnlyList<HarnessContainer> counterSources,
    IReadOnlyList<DotNet.Testcontainers.Containers.IContainer> watched, IPAddress? outerAddress = null)
{
    // Time for the last packets to cross both bridges after the probe returns.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    // Each size of a search is tried twice with this timeout before it counts as lost.
    private static readonly TimeSpan SearchTimeout = TimeSpan.FromMilliseconds(700);

    // How long the engine may take to answer a ping before it counts as gone.
    private static readonly TimeSpan EngineAnswer = TimeSpan.FromSeconds(5);

    // Containers stopped this close together were stopped by the engine, not each by a fault of its own.
    private static readonly TimeSpan AllAtOnce = TimeSpan.FromSeconds(15);

    private int _count;
    private int _runRecorded;

    /// <summary>The router's profile and the address plan the run's pcaps are translated with: kept as the folder's
    /// <see cref="RunRecord"/> with its first capture, so `nat64h report` judges the kept folder with them.</summary>
    public (RouterProfile Router, AddressPlan Plan)? Translation { get; init; }

    /// <summary>What is captured around each captured exchange.</summary>
    public IReadOnlyList<CaptureSpec> CapturePoints => capturePoints;

    public async Task<ExchangeRun> RunAsync(Exchange exchange, string name, bool capture, CancellationToken ct)
    {
        try
        {
            return await RunCoreAsync(exchange, name, capture, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or CaptureWriteException or EngineFailureException))
        {
            // A broken exec stream or a refused call: when the engine itself went away, that is the cause to name.
            if (await EngineFailureAsync(ct).ConfigureAwait(false) is { } engine)
            {
                throw new EngineFailureException($"exchange {name}: {engine.Cause}{string.Concat(engine.Evidence.Select(l => "\n  " + l))}", e);
            }

            throw;
        }
    }

    private async Task<ExchangeRun> RunCoreAsync(Exchange exchange, string name, bool capture, CancellationToken ct)
    {
        var index = Interlocked.Increment(ref _count);
        var stem = Path.Combine(runDirectory, $"{index:D2}-{name}");
        if (probeUid is { } uid && exchange.Uid is null)
        {
            // A per-app VPN carries one uid's traffic: the probe is that app unless the exchange says otherwise.
            exchange = exchange with { Uid = uid };
        }

        if (outerAddress is not null && exchange.Kind == ExchangeKind.Udp && exchange.OuterAddress is null)
        {
            exchange = exchange with { OuterAddress = outerAddress };
        }

        var running = new List<IRunningCapture>();
        try
        {
            Task<IReadOnlyDictionary<string, long>[]>? before = null;
            if (capture)
            {
                before = Task.WhenAll(counterSources.Select(c => ReadCountersAsync(c, ct)));
                foreach (var point in capturePoints)
                {
                    running.Add(await point.StartAsync($"{stem}-{point.Point.Name}.pcap", CaptureLimits.Default, ct).ConfigureAwait(false));
                }
            }

            var result = await probe.RunExchangeAsync(exchange, ct).ConfigureAwait(false);
            var files = await Task.WhenAll(running.Select(c => c.StopAsync(Settle, ct))).ConfigureAwait(false);
            var run = new ExchangeRun(name, exchange, result, files);
            if (files.Length > 0 && Translation is { } translation && Interlocked.Exchange(ref _runRecorded, 1) == 0)
            {
                RunRecord.TrySave(runDirectory, translation.Router, translation.Plan.Prefix, translation.Plan.Block);
            }

            if (files.Length > 0 && CaptureRecord.TrySave(stem, files, new RecordedExchange(exchange.Kind, result.Ok, result.Error)))
            {
                // When each capture was live, and the probe's verdict, beside the pcaps: `nat64h report` on this folder
                // judges as this run does.
                // Best effort: without it a report judges each capture as whole, the stricter reading.
                run = run with { CaptureRecord = CaptureRecord.PathFor(stem) };
            }

            if (before is not null)
            {
                var after = await Task.WhenAll(counterSources.Select(c => ReadCountersAsync(c, ct))).ConfigureAwait(false);
                var start = await before.ConfigureAwait(false);
                run = run with
                {
                    Counters = counterSources.Select((c, i) => (c, i)).Where(x => start[x.i].Count > 0 && after[x.i].Count > 0)
                        .Select(x => KernelCounters.Changes(x.c.Name.TrimStart('/'), start[x.i], after[x.i])).ToList(),
                };
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

    // A container that stopped or froze during the exchange has no counters to read; the diagnosis names it instead.
    private static async Task<IReadOnlyDictionary<string, long>> ReadCountersAsync(HarnessContainer container, CancellationToken ct)
    {
        try
        {
            return await KernelCounters.ReadAsync(container, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Dictionary<string, long>();
        }
    }

    private async Task<ExchangeDiagnosis> DiagnoseAsync(ExchangeRun run, CancellationToken ct)
    {
        var diagnosis = ExchangeDiagnoser.Diagnose(run);
        if ((await EngineFailureAsync(ct).ConfigureAwait(false) ?? await StoppedAsync(ct).ConfigureAwait(false)) is { } stopped)
        {
            // A stopped container is the cause; the packets are its evidence, and no size search runs through it.
            return diagnosis with { Cause = stopped.Cause, Evidence = [.. stopped.Evidence, .. diagnosis.Evidence], SizeSearch = null };
        }

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

    /// <summary>
    /// The engine's part in a failure, or null: it does not answer, or every container of the run (the probe's too)
    /// stopped within a few seconds of each other, which is what the engine does when it restarts or shuts down.
    /// </summary>
    private async Task<(string Cause, List<string> Evidence)?> EngineFailureAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(EngineAnswer);
        using var client = Docker.DockerEngine.CreateClient();
        try
        {
            await client.System.PingAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return ($"the Docker engine at {Docker.DockerEngine.Endpoint} does not answer ({(e is OperationCanceledException ? $"nothing within {EngineAnswer.TotalSeconds:F0} s" : e.Message)}): it stopped during the exchange, and took the run's containers with it", []);
        }

        var stops = new List<(string Name, DateTimeOffset At, long Code)>();
        foreach (var container in watched.Append(probe))
        {
            try
            {
                var inspect = await client.Containers.InspectContainerAsync(container.Id, deadline.Token).ConfigureAwait(false);
                if (inspect.State is not { Running: false } state ||
                    !DateTimeOffset.TryParse(state.FinishedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
                {
                    return null;
                }

                stops.Add((inspect.Name.TrimStart('/'), at, state.ExitCode));
            }
            catch (global::Docker.DotNet.DockerContainerNotFoundException)
            {
                return null;
            }
        }

        if (stops.Count < 2 || stops.Max(s => s.At) - stops.Min(s => s.At) is var spread && spread > AllAtOnce)
        {
            return null;
        }

        return ($"every container of the run ({stops.Count}) stopped within {spread.TotalSeconds:F1} s of {stops.Min(s => s.At):HH:mm:ss} UTC: the Docker engine stopped them, as it does when it is restarted or shut down",
            stops.Select(s => $"{s.Name}: exited with code {s.Code} at {s.At:HH:mm:ss.fff}").ToList());
    }

    /// <summary>The first watched container that is not running (exited, dead or paused), with what Docker and its log say; null when all run.</summary>
    private async Task<(string Cause, List<string> Evidence)?> StoppedAsync(CancellationToken ct)
    {
        if (watched.Count == 0)
        {
            return null;
        }

        using var client = Docker.DockerEngine.CreateClient();
        foreach (var container in watched)
        {
            global::Docker.DotNet.Models.ContainerInspectResponse inspect;
            try
            {
                inspect = await client.Containers.InspectContainerAsync(container.Id, ct).ConfigureAwait(false);
            }
            catch (global::Docker.DotNet.DockerContainerNotFoundException)
            {
                return ($"container {container.Name.TrimStart('/')} is gone: removed during the exchange", []);
            }

            if (inspect.State is not { } state || (state.Running && !state.Paused))
            {
                continue;
            }

            var name = inspect.Name.TrimStart('/');
            var how = state.Paused ? "is paused: it forwards and answers nothing"
                : $"stopped during the exchange: exited with code {state.ExitCode}{(state.OOMKilled ? ", killed for lack of memory" : state.ExitCode == 137 ? " (SIGKILL)" : "")}{(string.IsNullOrEmpty(state.Error) ? "" : $", {state.Error}")}";
            var evidence = new List<string>();
            try
            {
                var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: false, ct: ct).ConfigureAwait(false);
                evidence.AddRange((stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(8).Select(l => $"{name} log: {l}"));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                evidence.Add($"{name} log unreadable: {e.Message}");
            }

            return ($"container {name} {how}", evidence);
        }

        return null;
    }
}
