using System.Net;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Addressing;
using Nat64Harness.Containers.Dns;
using Nat64Harness.Containers.Echo;
using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Containers.Probe;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;
using Nat64Harness.Networks;
using Nat64Harness.Scenarios;
using Nat64Harness.Vpn;

namespace Nat64Harness.Topology;

/// <summary>
/// baseline:   probe (IPv6-only) ── v6 ── NAT64 router ── v4 ── echo (IPv4-only)
/// with a VPN: probe ⟂ VPN client [══ underlay ══ VPN server] ── v6 ── NAT64 router ── v4 ── echo
/// A started run: its addresses and containers, exchanges with captures around each, and removal of everything
/// it created. <see cref="StartAsync"/> assembles it.
/// </summary>
public sealed class Nat64Topology : IAsyncDisposable
{
    private readonly TopologyResources _resources;
    private ExchangeRunner _runner;
    private TopologyParts _parts;

    internal Nat64Topology(TopologyOptions options, AddressPlan plan, string runId, string runDirectory, TopologyResources resources, TopologyParts parts, ExchangeRunner runner, TimeSpan startTime)
    {
        Options = options;
        Plan = plan;
        RunId = runId;
        RunDirectory = runDirectory;
        StartTime = startTime;
        _resources = resources;
        _parts = parts;
        _runner = runner;
    }

    /// <summary>The run's addresses.</summary>
    public AddressPlan Plan { get; }

    /// <summary>How it was started (with the VPN it runs now, after <see cref="ReplaceVpnAsync"/>).</summary>
    public TopologyOptions Options { get; private set; }

    /// <summary>The run id: labels, container names and the captures folder carry it.</summary>
    public string RunId { get; }

    /// <summary>&lt;captures&gt;/&lt;run id&gt;/.</summary>
    public string RunDirectory { get; }

    /// <summary>The NAT64 router.</summary>
    public Nat64RouterContainer Router => _parts.Router;

    /// <summary>The IPv4-only echo server.</summary>
    public EchoServerContainer Echo => _parts.Echo;

    /// <summary>The probe.</summary>
    public ProbeContainer Probe => _parts.Probe;

    /// <summary>The IPv4-only authoritative DNS server, when the run has DNS (<see cref="TopologyOptions.Dns"/>).</summary>
    public DnsAuthContainer? DnsAuth => _parts.Dns?.Auth;

    /// <summary>The DNS64 resolver the probe resolves through, when the run has DNS.</summary>
    public Dns64Container? Resolver => _parts.Dns?.Resolver;

    /// <summary>The PREF64 Router Advertisement sender, when the run has one.</summary>
    public Pref64Container? Pref64Sender => _parts.Dns?.Pref64;

    /// <summary>The VPN under test, when there is one.</summary>
    public VpnInstance? Vpn => _parts.Vpn;

    /// <summary>
    /// Whether the probe hears the access network's Router Advertisements (and so can discover the prefix by PREF64):
    /// without a VPN, or behind one that leaves its namespace there (<see cref="VpnInstance.ProbeOnAccessLink"/>).
    /// </summary>
    public bool ProbeOnAccessLink => Vpn is null || Vpn.ProbeOnAccessLink;

    /// <summary>The probe's source address as the router sees it (behind a VPN: its tunnel address).</summary>
    public IPAddress ProbeSource => _parts.ProbeSource;

    /// <summary>The hop that answers a hop limit of 1 with Time Exceeded; null when the VPN terminates the probe's packets.</summary>
    public IPAddress? FirstHop => _parts.FirstHop;

    /// <summary>Time from the call to StartAsync to every container ready, image builds excluded.</summary>
    public TimeSpan StartTime { get; }

    /// <summary>Every container of the topology.</summary>
    public IReadOnlyList<IContainer> Containers => _resources.Containers;

    /// <summary>The run's networks.</summary>
    public NetworkSet Networks => _resources.Networks!;

    /// <summary>What is captured around each captured exchange.</summary>
    public IReadOnlyList<CaptureSpec> CapturePoints => _runner.CapturePoints;

    /// <summary>What the oracle must be told of this topology's router.</summary>
    public TranslatorSetup Translator => new(Router.Profile, Plan.Prefix, Plan.Pool4);

    /// <summary>The run's facts, for its report.</summary>
    public RunInfo Info => new(RunId, Options.Router, Options.Vpn?.Name ?? "none", Plan, StartTime, RunDirectory);

    /// <summary>Builds images as needed, allocates addresses, creates networks and starts the containers.</summary>
    public static Task<Nat64Topology> StartAsync(TopologyOptions options, CancellationToken ct = default) => TopologyAssembler.StartAsync(options, ct);

    /// <summary>
    /// Runs one exchange with a capture at every capture point around it (v6, v4 and, behind a tunnel VPN, the
    /// underlay; behind a per-app VPN, its TUN), each bounded (a bulk transfer's pcaps keep its first and last
    /// packets, every packet is counted); the pcaps land in the run directory. <paramref name="capture"/> false runs
    /// it bare (quick sweeps where only the probe's word counts). A failed exchange comes back diagnosed.
    /// </summary>
    public Task<ExchangeRun> RunAsync(Exchange exchange, string name, bool capture = true, CancellationToken ct = default) =>
        _runner.RunAsync(exchange, name, capture, ct);

    /// <summary>Runs a scenario of the catalogue: its exchange on this plan, captured (within <see cref="LiveCapture.CaptureLimits.Default"/>).</summary>
    public Task<ExchangeRun> RunAsync(Scenario scenario, CancellationToken ct = default) =>
        _runner.RunAsync(scenario.Build(Plan), scenario.Name, capture: true, ct);

    /// <summary>
    /// Removes the VPN under test (and a probe inside its namespace) and starts <paramref name="vpn"/> in its place on the
    /// same networks, router and echo server: a sweep over faults restarts one container, not a topology. The new VPN
    /// must need what the old one needed of the router (no underlay, no routes back: a per-app VPN for a per-app VPN).
    /// </summary>
    /// <exception cref="InvalidOperationException">The new VPN needs an underlay or router routes the topology was not started with.</exception>
    public async Task ReplaceVpnAsync(IVpnUnderTest vpn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(vpn);
        var (parts, runner) = await TopologyAssembler.ReplaceVpnAsync(this, _resources, _parts, vpn, ct).ConfigureAwait(false);
        (_parts, _runner, Options) = (parts, runner, Options with { Vpn = vpn });
    }

    /// <summary>
    /// Starts a second DNS64 resolver at <see cref="AddressPlan.SpareDns64V6"/> with <paramref name="settings"/> (a
    /// resolver configured wrong on purpose), reaching the same authoritative server. The caller disposes it.
    /// </summary>
    public async Task<Dns64Container> StartSpareResolverAsync(Dns64Settings settings, CancellationToken ct = default)
    {
        var dns = _parts.Dns ?? throw new InvalidOperationException($"run {RunId} has no DNS (TopologyOptions.Dns is off)");
        var resolver = _parts.Factory!.Dns64(dns.Dns64Image, "dns64-spare", Plan.SpareDns64V6, settings, dns.ResolverRoutes);
        await StartOwnedAsync(resolver, ct).ConfigureAwait(false);
        return resolver;
    }

    /// <summary>Starts a second PREF64 sender at <see cref="AddressPlan.SparePref64V6"/> advertising <paramref name="advertised"/>. The caller disposes it.</summary>
    public async Task<Pref64Container> StartSparePref64SenderAsync(Nat64Prefix advertised, CancellationToken ct = default)
    {
        var dns = _parts.Dns ?? throw new InvalidOperationException($"run {RunId} has no DNS (TopologyOptions.Dns is off)");
        var sender = _parts.Factory!.Pref64(dns.Pref64Image, "pref64-spare", Plan.SparePref64V6, advertised);
        await StartOwnedAsync(sender, ct).ConfigureAwait(false);
        return sender;
    }

    /// <summary>Stops and removes every container and network of the run.</summary>
    public async ValueTask DisposeAsync()
    {
        await _resources.DisposeAsync().ConfigureAwait(false);
        if (Directory.Exists(RunDirectory) && !Directory.EnumerateFileSystemEntries(RunDirectory).Any())
        {
            Directory.Delete(RunDirectory);
        }
    }

    private static async Task StartOwnedAsync(IContainer container, CancellationToken ct)
    {
        try
        {
            await container.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
