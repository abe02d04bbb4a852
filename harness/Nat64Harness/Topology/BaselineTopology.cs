using System.Diagnostics;
using System.Globalization;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Nat64Harness.Capture;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Echo;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Containers.Tayga;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.Probing;

namespace Nat64Harness.Topology;

/// <summary>
/// probe (IPv6-only) ── v6 ── Tayga NAT64 ── v4 ── echo (IPv4-only). Starts everything, runs exchanges with a
/// capture on both bridges around each, and always removes what it created.
/// </summary>
public sealed class BaselineTopology : IAsyncDisposable
{
    private readonly List<IContainer> _containers = [];
    private readonly List<INetwork> _networks = [];
    private readonly TextWriter _log;
    private int _exchangeCount;

    private BaselineTopology(AddressPlan plan, string runId, TextWriter log)
    {
        Plan = plan;
        RunId = runId;
        _log = log;
        RunDirectory = Path.Combine(RepositoryLayout.Captures, runId);
    }

    /// <summary>The run's addresses.</summary>
    public AddressPlan Plan { get; }

    /// <summary>The run id: labels, container names and the captures folder carry it.</summary>
    public string RunId { get; }

    /// <summary>captures/&lt;run id&gt;/.</summary>
    public string RunDirectory { get; }

    /// <summary>The NAT64 router.</summary>
    public TaygaContainer Router { get; private set; } = null!;

    /// <summary>The IPv4-only echo server.</summary>
    public EchoServerContainer Echo { get; private set; } = null!;

    /// <summary>The probe.</summary>
    public ProbeContainer Probe { get; private set; } = null!;

    /// <summary>Time from the call to StartAsync to every container ready (images excluded when already built).</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Every container of the topology.</summary>
    public IReadOnlyList<IContainer> Containers => _containers;

    /// <summary>Builds images as needed, allocates addresses, creates networks and starts the containers.</summary>
    public static async Task<BaselineTopology> StartAsync(TopologyOptions options, CancellationToken ct = default)
    {
        DockerEngine.EnsureConfigured();
        var log = options.Log;
        var images = await Task.WhenAll(
            HarnessImage.Tayga.EnsureAsync(log, ct), HarnessImage.Echo.EnsureAsync(log, ct), HarnessImage.Probe.EnsureAsync(log, ct)).ConfigureAwait(false);

        var watch = Stopwatch.StartNew();
        AddressPlan plan;
        using (var client = DockerEngine.CreateClient())
        {
            foreach (var gone in await StaleResourceReaper.ReapAsync(client, ct).ConfigureAwait(false))
            {
                log.WriteLine($"reaped stale {gone}");
            }

            plan = await AddressPlanAllocator.AllocateAsync(client, options.Prefix, options.Block, ct).ConfigureAwait(false);
        }

        var runId = $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{options.Scenario}-b{plan.Block}";
        var topology = new BaselineTopology(plan, runId, log);
        log.WriteLine($"run {runId}: block {plan.Block}, v6 {plan.V6Subnet}, v4 {plan.V4Subnet}, prefix {plan.Prefix}");
        try
        {
            await topology.CreateAsync(images[0], images[1], images[2], options, ct).ConfigureAwait(false);
        }
        catch
        {
            await topology.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        topology.StartTime = watch.Elapsed;
        log.WriteLine($"topology up in {topology.StartTime.TotalSeconds:F1} s");
        return topology;
    }

    /// <summary>
    /// Runs one exchange with a capture on both bridges around it; the pcaps land in the run directory.
    /// </summary>
    public async Task<ExchangeRun> RunAsync(Exchange exchange, string name, CancellationToken ct = default)
    {
        var index = Interlocked.Increment(ref _exchangeCount);
        var stem = Path.Combine(RunDirectory, $"{index:D2}-{name}");
        // Only the probe's and the echo server's packets decide a test: host noise (MLD, router solicitations) stays out.
        // Neighbour discovery and MLD (ICMPv6 types 130-143) are link housekeeping, not the exchange.
        using var v6 = BridgeCapture.Start(Plan.BridgeName("v6"), $"ip6 and host {Plan.ProbeV6} and not (icmp6 and ip6[40] >= 130 and ip6[40] <= 143)", stem + "-v6.pcap");
        using var v4 = BridgeCapture.Start(Plan.BridgeName("v4"), $"ip and host {Plan.EchoV4}", stem + "-v4.pcap");
        var result = await Probe.RunExchangeAsync(exchange, ct).ConfigureAwait(false);
        await Task.WhenAll(v6.StopAsync(TimeSpan.FromMilliseconds(200)), v4.StopAsync(TimeSpan.FromMilliseconds(200))).ConfigureAwait(false);
        return new ExchangeRun(name, exchange, result, v6.Path, v4.Path, v6.Packets, v4.Packets);
    }

    /// <summary>The default routes left in each container (there must be none).</summary>
    public async Task<IReadOnlyDictionary<string, string>> DefaultRoutesAsync(CancellationToken ct = default)
    {
        var routes = new Dictionary<string, string>();
        foreach (var c in _containers.OfType<HarnessContainer>())
        {
            routes[c.Name] = (await c.RunAsync(["sh", "-c", "ip -4 route show default; ip -6 route show default"], ct).ConfigureAwait(false)).Trim();
        }

        return routes;
    }

    /// <summary>Stops and removes every container and network of the run.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var c in Enumerable.Reverse(_containers))
        {
            try
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _log.WriteLine($"cleanup: container {c.Name}: {e.Message}");
            }
        }

        _containers.Clear();
        foreach (var n in _networks)
        {
            try
            {
                await n.DeleteAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _log.WriteLine($"cleanup: network {n.Name}: {e.Message}");
            }
        }

        _networks.Clear();
        if (Directory.Exists(RunDirectory) && !Directory.EnumerateFileSystemEntries(RunDirectory).Any())
        {
            Directory.Delete(RunDirectory);
        }
    }

    private async Task CreateAsync(string taygaImage, string echoImage, string probeImage, TopologyOptions options, CancellationToken ct)
    {
        var labels = HarnessLabels.ForRun(RunId);
        var v6 = HarnessNetwork.Build($"nat64h-{Plan.Block}-v6", Plan.BridgeName("v6"), labels, Plan.V6AccessV4Subnet, null, Plan.V6Subnet);
        var v4 = HarnessNetwork.Build($"nat64h-{Plan.Block}-v4", Plan.BridgeName("v4"), labels, Plan.V4Subnet, Plan.V4IpRange, null);
        foreach (var n in new[] { v6, v4 })
        {
            _networks.Add(n);
            await n.CreateAsync(ct).ConfigureAwait(false);
        }

        Router = new TaygaBuilder(taygaImage)
            .WithName($"nat64h-{Plan.Block}-tayga")
            .WithHarnessDefaults(labels, options.ReadyTimeout)
            .WithPrefix(Plan.Prefix)
            .WithIpv6Side(v6, Plan.RouterV6)
            .WithIpv4Side(v4, Plan.RouterV4)
            .WithPool(Plan.Pool4, Plan.TaygaV4)
            .Build();
        Echo = new EchoServerBuilder(echoImage)
            .WithName($"nat64h-{Plan.Block}-echo")
            .WithHarnessDefaults(labels, options.ReadyTimeout)
            .WithAddress(v4, Plan.EchoV4)
            .Build();
        Probe = new ProbeBuilder(probeImage)
            .WithName($"nat64h-{Plan.Block}-probe")
            .WithHarnessDefaults(labels, options.ReadyTimeout)
            .WithAccess(v6, Plan.ProbeV6, Plan.RouterV6, Plan.Prefix)
            .Build();
        _containers.AddRange([Router, Echo, Probe]);
        await Task.WhenAll(_containers.Select(c => c.StartAsync(ct))).ConfigureAwait(false);
    }
}
