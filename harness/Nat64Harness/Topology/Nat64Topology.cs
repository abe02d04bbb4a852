using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Nat64Harness.Capture;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Echo;
using Nat64Harness.Containers.Jool;
using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Containers.Tayga;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.Probing;
using Nat64Harness.Vpn;

namespace Nat64Harness.Topology;

/// <summary>
/// baseline:   probe (IPv6-only) ── v6 ── Tayga NAT64 ── v4 ── echo (IPv4-only)
/// with a VPN: probe ⟂ VPN client [══ underlay ══ VPN server] ── v6 ── Tayga NAT64 ── v4 ── echo
/// Starts everything, runs exchanges with captures around each, and always removes what it created.
/// </summary>
public sealed class Nat64Topology : IAsyncDisposable
{
    private readonly List<IContainer> _containers = [];
    private readonly List<INetwork> _networks = [];
    private readonly TextWriter _log;
    private int _exchangeCount;

    private Nat64Topology(AddressPlan plan, string runId, TopologyOptions options)
    {
        Plan = plan;
        RunId = runId;
        Options = options;
        _log = options.Log;
        RunDirectory = Path.Combine(RepositoryLayout.Captures, runId);
        ProbeSource = plan.ProbeV6;
        FirstHop = plan.RouterV6;
    }

    /// <summary>The run's addresses.</summary>
    public AddressPlan Plan { get; }

    /// <summary>How it was started.</summary>
    public TopologyOptions Options { get; }

    /// <summary>The run id: labels, container names and the captures folder carry it.</summary>
    public string RunId { get; }

    /// <summary>captures/&lt;run id&gt;/.</summary>
    public string RunDirectory { get; }

    /// <summary>The NAT64 router.</summary>
    public Nat64RouterContainer Router { get; private set; } = null!;

    /// <summary>The IPv4-only echo server.</summary>
    public EchoServerContainer Echo { get; private set; } = null!;

    /// <summary>The probe.</summary>
    public ProbeContainer Probe { get; private set; } = null!;

    /// <summary>The VPN under test, when there is one.</summary>
    public VpnInstance? Vpn { get; private set; }

    /// <summary>The probe's source address as the router sees it (behind a VPN: its tunnel address).</summary>
    public IPAddress ProbeSource { get; private set; }

    /// <summary>The hop that answers a hop limit of 1 with Time Exceeded; null when the VPN terminates the probe's packets.</summary>
    public IPAddress? FirstHop { get; private set; }

    /// <summary>Time from the call to StartAsync to every container ready, image builds excluded.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Every container of the topology.</summary>
    public IReadOnlyList<IContainer> Containers => _containers;

    /// <summary>Builds images as needed, allocates addresses, creates networks and starts the containers.</summary>
    public static async Task<Nat64Topology> StartAsync(TopologyOptions options, CancellationToken ct = default)
    {
        DockerEngine.EnsureConfigured();
        var log = options.Log;
        var routerImage = options.Router == RouterKind.Jool ? HarnessImage.Jool : HarnessImage.Tayga;
        var images = await Task.WhenAll(
            routerImage.EnsureAsync(log, ct), HarnessImage.Echo.EnsureAsync(log, ct), HarnessImage.Probe.EnsureAsync(log, ct)).ConfigureAwait(false);

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

        var scenario = $"{options.Scenario}{(options.Router == RouterKind.Jool ? "-jool" : "")}{(options.Vpn is null ? "" : "-" + options.Vpn.Name)}";
        var runId = $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{scenario}-b{plan.Block}";
        var topology = new Nat64Topology(plan, runId, options);
        log.WriteLine($"run {runId}: block {plan.Block}, v6 {plan.V6Subnet}, v4 {plan.V4Subnet}, prefix {plan.Prefix}, router {options.Router}, vpn {options.Vpn?.Name ?? "none"}");
        try
        {
            await topology.CreateAsync(images[0], images[1], images[2], ct).ConfigureAwait(false);
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
    /// Runs one exchange with a capture on every bridge around it (v6, v4 and, behind a tunnel VPN, the
    /// underlay); the pcaps land in the run directory. Bulk exchanges pass <paramref name="capture"/> false.
    /// </summary>
    public async Task<ExchangeRun> RunAsync(Exchange exchange, string name, bool capture = true, CancellationToken ct = default)
    {
        var index = Interlocked.Increment(ref _exchangeCount);
        var stem = Path.Combine(RunDirectory, $"{index:D2}-{name}");
        var captures = new List<BridgeCapture>();
        NamespaceCapture? tun = null;
        if (Vpn?.ProbeUid is { } uid && exchange.Uid is null)
        {
            // A per-app VPN carries one uid's traffic: the probe is that app unless the exchange says otherwise.
            exchange = exchange with { Uid = uid };
        }

        try
        {
            if (capture)
            {
                // Neighbour discovery and MLD (ICMPv6 types 130-143) are link housekeeping, not the exchange.
                captures.Add(BridgeCapture.Start(Plan.BridgeName("v6"), $"ip6 and host {ProbeSource} and not (icmp6 and ip6[40] >= 130 and ip6[40] <= 143)", stem + "-v6.pcap"));
                captures.Add(BridgeCapture.Start(Plan.BridgeName("v4"), $"ip and host {Plan.EchoV4}", stem + "-v4.pcap"));
                if (Options.Vpn?.NeedsUnderlay == true)
                {
                    // Everything on the underlay: what must not be there is exactly what a filter would hide.
                    captures.Add(BridgeCapture.Start(Plan.BridgeName("ul"), "", stem + "-underlay.pcap"));
                }

                if (Vpn?.TunDevice is { } device)
                {
                    // What the VPN writes into its TUN: the responses it built itself.
                    tun = await NamespaceCapture.StartAsync(Probe, device, stem + "-tun.pcap", "in", ct).ConfigureAwait(false);
                }
            }

            var result = await Probe.RunExchangeAsync(exchange, ct).ConfigureAwait(false);
            var settle = TimeSpan.FromMilliseconds(200);
            await Task.WhenAll(captures.Select(c => c.StopAsync(settle)).Append(tun?.StopAsync(settle, ct) ?? Task.CompletedTask)).ConfigureAwait(false);
            return new ExchangeRun(name, exchange, result,
                capture ? captures[0].Path : null, capture ? captures[1].Path : null, captures.Count > 2 ? captures[2].Path : null,
                capture ? captures[0].Packets : 0, capture ? captures[1].Packets : 0) { TunPcap = tun?.Path };
        }
        finally
        {
            captures.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The MAC addresses the VPN's containers hold on the underlay (to tell their frames from the host's).</summary>
    public async Task<IReadOnlySet<PhysicalAddress>> UnderlayMacsAsync(CancellationToken ct = default)
    {
        var macs = new HashSet<PhysicalAddress>();
        var underlay = _networks.FirstOrDefault(n => n.Name.EndsWith("-ul", StringComparison.Ordinal));
        if (Vpn is null || underlay is null)
        {
            return macs;
        }

        using var client = DockerEngine.CreateClient();
        foreach (var c in Vpn.Containers)
        {
            var inspect = await client.Containers.InspectContainerAsync(c.Id, ct).ConfigureAwait(false);
            if (inspect.NetworkSettings?.Networks?.TryGetValue(underlay.Name, out var endpoint) == true && !string.IsNullOrEmpty(endpoint.MacAddress))
            {
                macs.Add(PhysicalAddress.Parse(endpoint.MacAddress.Replace(':', '-').ToUpperInvariant()));
            }
        }

        return macs;
    }

    /// <summary>The default routes left in each container of ours (there must be none).</summary>
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

    /// <summary>
    /// Jool's micro-VM can stop delivering packets for good under load (a QEMU 7.2 virtio-net stall,
    /// shared/JOOL-VM.md): before the topology is used, an echo crosses the NAT64 from a throwaway probe; when it
    /// does not, the router is restarted once (a fresh VM, about 5 s) and the run says so.
    /// </summary>
    private async Task EnsureJoolPathAsync(string probeImage, INetwork v6, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        var checker = new ProbeBuilder(probeImage)
            .WithName($"nat64h-{Plan.Block}-pathcheck")
            .WithHarnessDefaults(labels, Options.ReadyTimeout)
            .WithAccess(v6, Plan.PathCheckV6, Plan.RouterV6, Plan.Prefix)
            .Build();
        try
        {
            await checker.StartAsync(ct).ConfigureAwait(false);
            var check = new Exchange(ExchangeKind.Icmp, Plan.EchoSynthesized, Count: 2, Timeout: TimeSpan.FromSeconds(3));
            for (var attempt = 1; ; attempt++)
            {
                var result = await checker.RunExchangeAsync(check, ct).ConfigureAwait(false);
                if (result.Ok)
                {
                    return;
                }

                if (attempt == 2)
                {
                    var console = await ((JoolContainer)Router).ReadConsoleAsync(ct).ConfigureAwait(false);
                    throw new InvalidOperationException($"no echo crosses Jool ({Router.Name}) even after a restart: {result.Error}\n--- VM console ---\n{console}");
                }

                _log.WriteLine($"path check through Jool failed ({result.Error}): restarting {Router.Name.TrimStart('/')} (fresh VM)");
                await Router.StopAsync(ct).ConfigureAwait(false);
                await Router.StartAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await checker.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CreateAsync(string routerImage, string echoImage, string probeImage, CancellationToken ct)
    {
        var labels = HarnessLabels.ForRun(RunId);
        var vpn = Options.Vpn;
        var v6 = HarnessNetwork.Build($"nat64h-{Plan.Block}-v6", Plan.BridgeName("v6"), labels, Plan.V6AccessV4Subnet, null, Plan.V6Subnet);
        var v4 = HarnessNetwork.Build($"nat64h-{Plan.Block}-v4", Plan.BridgeName("v4"), labels, Plan.V4Subnet, Plan.V4IpRange, null);
        var underlay = vpn?.NeedsUnderlay == true
            ? HarnessNetwork.Build($"nat64h-{Plan.Block}-ul", Plan.BridgeName("ul"), labels, Plan.UnderlaySubnet, null, null)
            : null;
        foreach (var n in new[] { v6, v4, underlay }.OfType<INetwork>())
        {
            _networks.Add(n);
            await n.CreateAsync(ct).ConfigureAwait(false);
        }

        var routes = vpn?.RouterRoutes(Plan).ToList() ?? [];
        Router = Options.Router == RouterKind.Jool
            ? new JoolBuilder(routerImage).WithName($"nat64h-{Plan.Block}-jool").WithHarnessDefaults(labels, Options.ReadyTimeout)
                .WithPrefix(Plan.Prefix).WithIpv6Side(v6, Plan.RouterV6).WithIpv4Side(v4, Plan.RouterV4).WithPool(Plan.Pool4, Plan.TaygaV4).WithRoutes6(routes).Build()
            : new TaygaBuilder(routerImage).WithName($"nat64h-{Plan.Block}-tayga").WithHarnessDefaults(labels, Options.ReadyTimeout)
                .WithPrefix(Plan.Prefix).WithIpv6Side(v6, Plan.RouterV6).WithIpv4Side(v4, Plan.RouterV4).WithPool(Plan.Pool4, Plan.TaygaV4).WithRoutes6(routes).Build();
        Echo = new EchoServerBuilder(echoImage)
            .WithName($"nat64h-{Plan.Block}-echo")
            .WithHarnessDefaults(labels, Options.ReadyTimeout)
            .WithAddress(v4, Plan.EchoV4)
            .WithPoolRoute(Plan.Pool4, Plan.RouterV4)
            .Build();
        _containers.AddRange([Router, Echo]);
        await Task.WhenAll(Router.StartAsync(ct), Echo.StartAsync(ct)).ConfigureAwait(false);
        if (Options.Router == RouterKind.Jool)
        {
            await EnsureJoolPathAsync(probeImage, v6, labels, ct).ConfigureAwait(false);
        }

        var probe = new ProbeBuilder(probeImage)
            .WithName($"nat64h-{Plan.Block}-probe")
            .WithHarnessDefaults(labels, Options.ReadyTimeout);
        if (vpn is null)
        {
            probe = probe.WithAccess(v6, Plan.ProbeV6, Plan.RouterV6, Plan.Prefix);
        }
        else
        {
            var context = new VpnContext(Plan, RunId, labels, v6, underlay, Options.ReadyTimeout, Options.TunnelMtu, _log);
            var watch = Stopwatch.StartNew();
            Vpn = await vpn.StartAsync(context, ct).ConfigureAwait(false);
            _containers.AddRange(Vpn.Containers);
            _log.WriteLine($"vpn {vpn.Name} ready in {watch.Elapsed.TotalSeconds:F1} s");
            ProbeSource = Vpn.ProbeSource;
            FirstHop = Vpn.FirstHop;
            probe = probe.WithNamespaceOf(Vpn.Client);
        }

        Probe = probe.Build();
        _containers.Add(Probe);
        await Probe.StartAsync(ct).ConfigureAwait(false);
    }
}
