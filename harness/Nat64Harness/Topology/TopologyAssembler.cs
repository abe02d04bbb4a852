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
        var plan = await AllocateAsync(options, ct).ConfigureAwait(false);
        var vpn = options.Vpn;
        var runId = RunId(options, plan);
        var directory = Path.Combine(options.CapturesFolder, runId);
        log.WriteLine($"run {runId}: block {plan.Block}, v6 {plan.V6Subnet}, v4 {plan.V4Subnet}, prefix {plan.Prefix}, router {options.Router}, vpn {vpn?.Name ?? "none"}");

        var labels = HarnessLabels.ForRun(runId);
        var resources = new TopologyResources(log);
        try
        {
            var networks = resources.Networks = await NetworkSet.CreateAsync(plan, labels, NetworkSet.Roles(vpn?.NeedsUnderlay == true), log, ct).ConfigureAwait(false);
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
            // Counters of every namespace the probe does not share: where a lost packet was dropped (the echo server's
            // UDP receive buffer, the router's forwarding) shows in its kernel's counters, not in the probe's.
            List<Containers.HarnessContainer> counters = [router, echo, .. instance?.Containers.OfType<Containers.HarnessContainer>().Where(c => c != instance.Client) ?? []];
            var runner = new ExchangeRunner(probe, directory, CapturePoints(plan, probeSource, networks, instance, probe), instance?.ProbeUid, counters);
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

    private static async Task<AddressPlan> AllocateAsync(TopologyOptions options, CancellationToken ct)
    {
        using var client = DockerEngine.CreateClient();
        foreach (var gone in await StaleResourceReaper.ReapAsync(client, ct).ConfigureAwait(false))
        {
            options.Log.WriteLine($"reaped stale {gone}");
        }

        return await AddressPlanAllocator.AllocateAsync(client, options.Prefix, options.Block, ct).ConfigureAwait(false);
    }

    private static string RunId(TopologyOptions options, AddressPlan plan)
    {
        var scenario = $"{options.Scenario}{(options.Router == RouterKind.Jool ? "-jool" : "")}{(options.Vpn is null ? "" : "-" + options.Vpn.Name)}";
        return $"{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{scenario}-b{plan.Block}";
    }

    // Both sides of the router always; behind a tunnel VPN its whole underlay; behind a per-app VPN its TUN.
    private static List<CaptureSpec> CapturePoints(AddressPlan plan, IPAddress probeSource, NetworkSet networks, VpnInstance? vpn, ProbeContainer probe)
    {
        // The IPv6 side: the probe's packets, and whatever is addressed into the NAT64 prefix. The second half is not
        // redundant: an ICMPv6 error about a reply, sent by a hop between the router and the probe (a VPN server's
        // Packet Too Big from its access address), goes to the echo server's synthesised address, names the probe only
        // in its embedded packet, and is what the router translates into the Fragmentation Needed seen on the v4 side.
        // Neighbour discovery and MLD (ICMPv6 types 130-143) are link housekeeping, not the exchange.
        var prefix = new IPNetwork(plan.Prefix.Network, plan.Prefix.Length);
        List<CaptureSpec> points =
        [
            new BridgeCaptureSpec(CapturePoint.V6Bridge, plan.BridgeName(NetworkRole.V6Access), V6Filter(probeSource, prefix)) { Far = [prefix] },
            new BridgeCaptureSpec(CapturePoint.V4Bridge, plan.BridgeName(NetworkRole.V4), $"ip and host {plan.EchoV4}") { Far = [new IPNetwork(plan.EchoV4, 32)] },
        ];
        if (networks.Underlay is not null)
        {
            // Everything on the underlay: what must not be there is exactly what a filter would hide.
            points.Add(new BridgeCaptureSpec(CapturePoint.Underlay, plan.BridgeName(NetworkRole.Underlay), "") { Far = [new IPNetwork(plan.VpnServerUnderlay, 32)] });
        }

        if (vpn?.TunDevice is { } device)
        {
            // Both ways through the VPN's TUN, each frame with its direction: the app's requests and the responses the VPN built.
            points.Add(new NamespaceCaptureSpec(CapturePoint.Tun, probe, device, "inout") { Far = [prefix] });
        }

        return points;
    }

    /// <summary>The IPv6 bridge's filter: the probe's packets and what is addressed into the prefix, without link housekeeping.</summary>
    internal static string V6Filter(IPAddress probeSource, IPNetwork prefix) =>
        $"ip6 and (host {probeSource} or dst net {prefix}) and not (icmp6 and ip6[40] >= 130 and ip6[40] <= 143)";
}
