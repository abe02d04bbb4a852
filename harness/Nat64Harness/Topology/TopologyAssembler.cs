using System.Diagnostics;
using System.Globalization;
using System.Net;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;
using Nat64Harness.Networks;
using Nat64Harness.Vpn;

namespace Nat64Harness.Topology;

/// <summary>
/// Assembles a topology from its parts, in order: images, reaping of dead runs, an address plan, networks, the
/// router and the echo server, the router's path check, the VPN, the probe, and the capture points. Whatever was
/// created is removed when a step fails.
/// </summary>
internal static class TopologyAssembler
{
    public static async Task<Nat64Topology> StartAsync(TopologyOptions options, CancellationToken ct)
    {
        DockerEngine.EnsureConfigured();
        var log = options.Log;
        var images = await Task.WhenAll(
            HarnessImage.Router(options.Router).EnsureAsync(options.Images, log, ct),
            HarnessImage.Echo.EnsureAsync(options.Images, log, ct),
            HarnessImage.Probe.EnsureAsync(options.Images, log, ct)).ConfigureAwait(false);
        var (routerImage, echoImage, probeImage) = (images[0], images[1], images[2]);

        var watch = Stopwatch.StartNew();
        var vpn = options.Vpn;
        var resources = new TopologyResources(log);
        try
        {
            var (plan, runId, labels, networks) = await ClaimNetworksAsync(options, resources, ct).ConfigureAwait(false);
            var directory = Path.Combine(options.CapturesFolder, runId);
            var factory = new ContainerFactory(plan, labels, options.ReadyTimeout, networks);
            var router = factory.Router(options.Router, routerImage, vpn?.RouterRoutes(plan) ?? []);
            var echo = factory.Echo(echoImage);
            resources.Add(router, echo);
            await Task.WhenAll(router.StartAsync(ct), echo.StartAsync(ct)).ConfigureAwait(false);
            await RouterPathCheck.EnsureAsync(router, () => factory.Probe(probeImage, "pathcheck", plan.PathCheckV6), plan, log, ct).ConfigureAwait(false);

            VpnInstance? instance = null;
            if (vpn is not null)
            {
                var started = Stopwatch.StartNew();
                instance = await vpn.StartAsync(new VpnContext(plan, runId, labels, networks.Access, networks.Underlay, options.ReadyTimeout, options.TunnelMtu, options.Images, log), ct).ConfigureAwait(false);
                resources.Add(instance.Containers);
                log.WriteLine($"vpn {vpn.Name} ready in {started.Elapsed.TotalSeconds:F1} s");
            }

            var probe = instance is null ? factory.Probe(probeImage, "probe", plan.ProbeV6) : factory.ProbeIn(probeImage, instance.Client);
            resources.Add(probe);
            await probe.StartAsync(ct).ConfigureAwait(false);

            var probeSource = instance?.ProbeSource ?? plan.ProbeV6;
            var runner = new ExchangeRunner(probe, directory, CapturePoints(plan, probeSource, networks, instance, probe), instance?.ProbeUid);
            var parts = new TopologyParts(router, echo, probe, instance, probeSource, instance is null ? plan.RouterV6 : instance.FirstHop);
            var topology = new Nat64Topology(options, plan, runId, directory, resources, parts, runner, watch.Elapsed);
            log.WriteLine($"topology up in {topology.StartTime.TotalSeconds:F1} s");
            return topology;
        }
        catch
        {
            await resources.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // A block is claimed (a host-wide lease: no other process of this host takes it) and its networks created; when
    // Docker refuses a subnet that something the lease cannot see already holds (another host on a shared engine, a
    // network made by hand since the listing), the block is given back and another one claimed.
    private const int PoolConflictRetries = 3;

    private static async Task<(AddressPlan Plan, string RunId, IReadOnlyDictionary<string, string> Labels, NetworkSet Networks)> ClaimNetworksAsync(
        TopologyOptions options, TopologyResources resources, CancellationToken ct)
    {
        var log = options.Log;
        using var client = DockerEngine.CreateClient();
        foreach (var gone in await StaleResourceReaper.ReapAsync(client, ct).ConfigureAwait(false))
        {
            log.WriteLine($"reaped stale {gone}");
        }

        var refused = new HashSet<int>();
        for (var attempt = 0; ; attempt++)
        {
            var claim = resources.Claim = await AddressPlanAllocator.ClaimAsync(client, options.Prefix, options.Block, refused, log, ct: ct).ConfigureAwait(false);
            var plan = claim.Plan;
            var runId = RunId(options, plan);
            log.WriteLine($"run {runId}: block {plan.Block}, v6 {plan.V6Subnet}, v4 {plan.V4Subnet}, prefix {plan.Prefix}, router {options.Router}, vpn {options.Vpn?.Name ?? "none"}");
            var labels = HarnessLabels.ForRun(runId);
            try
            {
                var networks = resources.Networks = await NetworkSet.CreateAsync(plan, labels, NetworkSet.Roles(options.Vpn?.NeedsUnderlay == true), log, ct).ConfigureAwait(false);
                return (plan, runId, labels, networks);
            }
            catch (Exception e) when (AddressPlanAllocator.IsPoolConflict(e) && options.Block is null && attempt < PoolConflictRetries)
            {
                log.WriteLine($"block {plan.Block}: Docker refused its subnets ({e.Message}); claiming another block");
                refused.Add(plan.Block);
                resources.Claim = null;
                claim.Dispose();
            }
        }
    }

    private static string RunId(TopologyOptions options, AddressPlan plan)
    {
        var scenario = $"{options.Scenario}{(options.Router == RouterKind.Jool ? "-jool" : "")}{(options.Vpn is null ? "" : "-" + options.Vpn.Name)}";
        return $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{scenario}-b{plan.Block}";
    }

    // Both sides of the router always; behind a tunnel VPN its whole underlay; behind a per-app VPN its TUN.
    private static List<CaptureSpec> CapturePoints(AddressPlan plan, IPAddress probeSource, NetworkSet networks, VpnInstance? vpn, ProbeContainer probe)
    {
        // Neighbour discovery and MLD (ICMPv6 types 130-143) are link housekeeping, not the exchange.
        List<CaptureSpec> points =
        [
            new BridgeCaptureSpec(CapturePoint.V6Bridge, plan.BridgeName(NetworkRole.V6Access), $"ip6 and host {probeSource} and not (icmp6 and ip6[40] >= 130 and ip6[40] <= 143)"),
            new BridgeCaptureSpec(CapturePoint.V4Bridge, plan.BridgeName(NetworkRole.V4), $"ip and host {plan.EchoV4}"),
        ];
        if (networks.Underlay is not null)
        {
            // Everything on the underlay: what must not be there is exactly what a filter would hide.
            points.Add(new BridgeCaptureSpec(CapturePoint.Underlay, plan.BridgeName(NetworkRole.Underlay), ""));
        }

        if (vpn?.TunDevice is { } device)
        {
            // What the VPN writes into its TUN ("in" as the kernel sees it): the responses it built itself.
            points.Add(new NamespaceCaptureSpec(CapturePoint.Tun, probe, device, "in"));
        }

        return points;
    }
}
