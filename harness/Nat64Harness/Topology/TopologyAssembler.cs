using System.Diagnostics;
using System.Globalization;
using System.Net;
using Nat64Harness.Addressing;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Nat64Router;
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
        var step = Stopwatch.StartNew();
        void Done(string phase, string detail = "")
        {
            options.Progress?.Report(new TopologyPhase(phase, step.Elapsed, detail));
            step.Restart();
        }

        var dnsOn = options.Dns.Enabled;
        HarnessImage[] wanted = [HarnessImage.Router(options.Router), HarnessImage.Echo, HarnessImage.Probe, .. dnsOn ? new[] { HarnessImage.DnsAuth, HarnessImage.Dns64, HarnessImage.Pref64 } : []];
        var images = await Task.WhenAll(wanted.Select(i => i.EnsureAsync(options.Images, log, ct))).ConfigureAwait(false);
        var (routerImage, echoImage, probeImage) = (images[0], images[1], images[2]);
        Done("images");

        var watch = Stopwatch.StartNew();
        var vpn = options.Vpn;
        var resources = new TopologyResources(log);
        try
        {
            var (plan, runId, labels, networks) = await ClaimNetworksAsync(options, resources, ct).ConfigureAwait(false);
            var directory = Path.Combine(options.CapturesFolder, runId);
            Done("networks", $"block {plan.Block}");
            var factory = new ContainerFactory(plan, labels, options.ReadyTimeout, networks);
            var router = factory.Router(options.Router, routerImage, vpn?.RouterRoutes(plan) ?? []);
            var echo = factory.Echo(echoImage);
            resources.Add(router, echo);

            // The other DNS containers start with the router and the echo server; the resolver only once the router is
            // ready (and, for Jool, its path checked). The resolver sends its queries to the authoritative server through
            // the router at once, and a router container forwards from its start but drops Docker's default routes only
            // when its entrypoint gets there: a query in between left our networks through the host (measured in CI:
            // unbound's queries for echo.nat64h.test from the resolver, forwarded by a starting Tayga to the uplink).
            var dns = dnsOn ? Dns(options, plan, factory, images[3], images[4], images[5], vpn) : null;
            if (dns is not null)
            {
                resources.Add(dns.Pref64 is null ? [dns.Auth, dns.Resolver] : [dns.Auth, dns.Resolver, dns.Pref64]);
            }

            await StartRouterAsync(router, [echo.StartAsync(ct), .. dns is null ? [] : new[] { dns.Auth.StartAsync(ct), dns.Pref64?.StartAsync(ct) ?? Task.CompletedTask }], plan, ct).ConfigureAwait(false);
            await RouterPathCheck.EnsureAsync(router, () => factory.Probe(probeImage, "pathcheck", plan.PathCheckV6), plan, log, ct).ConfigureAwait(false);
            await (dns?.Resolver.StartAsync(ct) ?? Task.CompletedTask).ConfigureAwait(false);
            Done("router and echo", options.Router.ToString().ToLowerInvariant());

            VpnInstance? instance = null;
            if (vpn is not null)
            {
                var started = Stopwatch.StartNew();
                var context = new VpnContext(plan, runId, labels, networks.Access, networks.Underlay, options.ReadyTimeout, options.TunnelMtu, options.Images, log) { Resolver = dns is null ? null : plan.Dns64V6 };
                instance = await vpn.StartAsync(context, ct).ConfigureAwait(false);
                resources.Add(instance.Containers);
                log.WriteLine($"vpn {vpn.Name} ready in {started.Elapsed.TotalSeconds:F1} s");
                Done("vpn", vpn.Name);
            }

            var resolver = dns is null ? null : plan.Dns64V6;
            var probe = await StartProbeAsync(factory, probeImage, instance, resolver, resources, ct).ConfigureAwait(false);
            Done("probe");

            var probeSource = instance?.ProbeSource ?? plan.ProbeV6;
            // Counters of every namespace the probe does not share: where a lost packet was dropped (the echo server's
            // UDP receive buffer, the router's forwarding) shows in its kernel's counters, not in the probe's.
            List<Containers.HarnessContainer> counters = [router, echo, .. instance?.Containers.OfType<Containers.HarnessContainer>().Where(c => c != instance.Client) ?? []];
            var runner = new ExchangeRunner(probe, directory, CapturePoints(plan, probeSource, networks, instance, probe, dnsOn), instance?.ProbeUid, counters,
                [router, echo, .. instance?.Containers ?? []], OuterAddress(instance)) { Translation = (router.Profile, plan) };
            var parts = new TopologyParts(router, echo, probe, instance, probeSource, instance is null ? plan.RouterV6 : instance.FirstHop) { Dns = dns, Factory = factory };
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

    /// <summary>Removes the topology's VPN and its probe, starts <paramref name="vpn"/> and a probe for it (<see cref="Nat64Topology.ReplaceVpnAsync"/>).</summary>
    public static async Task<(TopologyParts Parts, ExchangeRunner Runner)> ReplaceVpnAsync(Nat64Topology topology, TopologyResources resources, TopologyParts parts, IVpnUnderTest vpn, CancellationToken ct)
    {
        var options = topology.Options;
        var plan = topology.Plan;
        var networks = topology.Networks;
        var routes = (options.Vpn?.RouterRoutes(plan) ?? []).ToList();
        if ((vpn.NeedsUnderlay && networks.Underlay is null) || !vpn.RouterRoutes(plan).SequenceEqual(routes))
        {
            throw new InvalidOperationException($"{vpn.Name} cannot replace {options.Vpn?.Name ?? "no VPN"}: it needs an underlay or router routes this topology was not started with; start a topology for it");
        }

        // The old probe lived in the old VPN's namespace, was its app, or holds the name the new one takes: both go.
        var old = (parts.Vpn?.Containers ?? []).Append(parts.Probe).Distinct().ToList();
        await resources.RemoveAsync(old).ConfigureAwait(false);

        var log = options.Log;
        var labels = HarnessLabels.ForRun(topology.RunId, topology.Options.Keep);
        var started = Stopwatch.StartNew();
        var resolver = parts.Dns is null ? null : plan.Dns64V6;
        var context = new VpnContext(plan, topology.RunId, labels, networks.Access, networks.Underlay, options.ReadyTimeout, options.TunnelMtu, options.Images, log) { Resolver = resolver };
        var instance = await vpn.StartAsync(context, ct).ConfigureAwait(false);
        resources.Add(instance.Containers);
        log.WriteLine($"vpn {vpn.Name} ready in {started.Elapsed.TotalSeconds:F1} s (replacing {options.Vpn?.Name ?? "none"})");

        var probeImage = await HarnessImage.Probe.EnsureAsync(options.Images, log, ct).ConfigureAwait(false);
        var probe = await StartProbeAsync(new ContainerFactory(plan, labels, options.ReadyTimeout, networks), probeImage, instance, resolver, resources, ct).ConfigureAwait(false);
        List<Containers.HarnessContainer> counters = [parts.Router, parts.Echo, .. instance.Containers.OfType<Containers.HarnessContainer>().Where(c => c != instance.Client)];
        var runner = new ExchangeRunner(probe, topology.RunDirectory, CapturePoints(plan, instance.ProbeSource, networks, instance, probe, parts.Dns is not null), instance.ProbeUid, counters,
            [parts.Router, parts.Echo, .. instance.Containers], OuterAddress(instance)) { Translation = (parts.Router.Profile, plan) };
        return (parts with { Probe = probe, Vpn = instance, ProbeSource = instance.ProbeSource, FirstHop = instance.FirstHop }, runner);
    }

    /// <summary>
    /// The probe: its own on the access network (baseline), inside the VPN client's namespace, or the app container a
    /// per-app-netns VPN already started (the VPN owns it).
    /// </summary>
    internal static async Task<ProbeContainer> StartProbeAsync(ContainerFactory factory, string probeImage, VpnInstance? instance, IPAddress? resolver, TopologyResources resources, CancellationToken ct)
    {
        if (instance?.App is { } app)
        {
            return app;
        }

        var probe = instance is null ? factory.Probe(probeImage, "probe", factory.Plan.ProbeV6, resolver) : factory.ProbeIn(probeImage, instance.Client, resolver);
        resources.Add(probe);
        await probe.StartAsync(ct).ConfigureAwait(false);
        return probe;
    }

    // A router that refuses the prefix says so in its own words; that is the run's answer, not a failed start.
    private static async Task StartRouterAsync(Nat64RouterContainer router, IEnumerable<Task> others, AddressPlan plan, CancellationToken ct)
    {
        var all = Task.WhenAll([router.StartAsync(ct), .. others]);
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (ContainerNotReadyException e) when (PrefixRefusedException.FindReason(e.Stdout) is { } reason)
        {
            throw new PrefixRefusedException(router.Profile.Name, plan.Prefix, reason, e);
        }
    }

    private static DnsParts Dns(TopologyOptions options, AddressPlan plan, ContainerFactory factory, string authImage, string dns64Image, string pref64Image, IVpnUnderTest? vpn)
    {
        var routes = (vpn?.RouterRoutes(plan) ?? []).ToList();
        var pref64 = options.Dns.Pref64 ? factory.Pref64(pref64Image, "pref64", plan.Pref64V6, options.Dns.AdvertisedPrefix ?? plan.Prefix) : null;
        return new DnsParts(factory.DnsAuth(authImage), factory.Dns64(dns64Image, "dns64", plan.Dns64V6, options.Dns.Resolver, routes), pref64, dns64Image, pref64Image, routes);
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
            log.WriteLine($"run {runId}: block {plan.Block}, v6 {plan.V6Subnet}, v4 {plan.V4Subnet}, prefix {plan.Prefix}, router {options.Router}, vpn {options.Vpn?.Name ?? "none"}, dns {(options.Dns.Enabled ? plan.Dns64V6 : "none")}");
            var labels = HarnessLabels.ForRun(runId, options.Keep);
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

    /// <summary>
    /// The address a VPN that terminates the app's packets (a userspace proxy: no first hop crosses it) sends from
    /// toward the NAT64, where its own sockets carry the app's datagrams; null for no VPN or a tunnel.
    /// </summary>
    internal static IPAddress? OuterAddress(VpnInstance? vpn) => vpn is { FirstHop: null } ? vpn.ProbeSource : null;

    // Neighbour discovery and MLD (ICMPv6 types 130-143) are link housekeeping, not the exchange.
    private const string NotNeighbourDiscovery = "not (icmp6 and ip6[40] >= 130 and ip6[40] <= 143)";

    /// <summary>
    /// The access bridge's filter: the probe's source as the router sees it, and the app's own addresses behind a
    /// per-app VPN, IPv6 or IPv4: a VPN that leaks the app's traffic puts them there, and a filter on the VPN's address
    /// alone would hide exactly that. With DNS (<paramref name="resolvers"/>), the clients' queries to the resolvers
    /// are left to their own capture, and the resolvers' queries across the NAT64 are taken.
    /// </summary>
    internal static string AccessFilter(IPAddress probeSource, IReadOnlyList<IPAddress> appAddresses, string? resolvers = null, Nat64Prefix? prefix = null)
    {
        var v6 = appAddresses.Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6).Prepend(probeSource).Distinct();
        var hosts = $"({string.Join(" or ", v6.Select(a => $"host {a}"))})";
        var filter = resolvers is null
            ? $"(ip6 and {hosts} and {NotNeighbourDiscovery})"
            : $"(ip6 and {NotNeighbourDiscovery} and (({hosts} and not {resolvers}) or ({resolvers} and net {prefix})))";
        var v4 = appAddresses.Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).ToList();
        return v4.Count == 0 ? filter : $"{filter} or (ip and ({string.Join(" or ", v4.Select(a => $"host {a}"))}))";
    }

    // Both sides of the router always; behind a tunnel VPN its whole underlay; behind a per-app VPN its TUN or TAP. With
    // DNS, the v6 and v4 filters also take the resolvers' queries to the authoritative server, which cross the NAT64 and
    // are judged like any translated flow; the clients' leg to the resolvers does not cross it and has its own capture.
    internal static List<CaptureSpec> CapturePoints(AddressPlan plan, IPAddress probeSource, NetworkSet networks, VpnInstance? vpn, ProbeContainer probe, bool dns)
    {
        var resolvers = $"(host {plan.Dns64V6} or host {plan.SpareDns64V6})";
        var appAddresses = vpn?.AppAddresses ?? [];
        // The IPv6 side also takes whatever is addressed into the NAT64 prefix: an ICMPv6 error about a reply, sent by a
        // hop between the router and the probe (a VPN server's Packet Too Big from its access address), goes to the echo
        // server's synthesised address, names the probe only in its embedded packet, and is what the router translates
        // into the Fragmentation Needed seen on the v4 side.
        var prefix = new IPNetwork(plan.Prefix.Network, plan.Prefix.Length);
        var intoPrefix = $" or (ip6 and dst net {prefix} and {NotNeighbourDiscovery})";
        List<CaptureSpec> points = dns
            ?
            [
                new BridgeCaptureSpec(CapturePoint.V6Bridge, plan.BridgeName(NetworkRole.V6Access), AccessFilter(probeSource, appAddresses, resolvers, plan.Prefix) + intoPrefix) { Far = [prefix] },
                new BridgeCaptureSpec(CapturePoint.V4Bridge, plan.BridgeName(NetworkRole.V4), $"ip and (host {plan.EchoV4} or host {plan.DnsAuthV4})") { Far = [new IPNetwork(plan.EchoV4, 32), new IPNetwork(plan.DnsAuthV4, 32)] },
                new BridgeCaptureSpec(CapturePoint.Dns, plan.BridgeName(NetworkRole.V6Access), $"ip6 and {NotNeighbourDiscovery} and {resolvers} and not net {plan.Prefix}"),
            ]
            :
            [
                new BridgeCaptureSpec(CapturePoint.V6Bridge, plan.BridgeName(NetworkRole.V6Access), AccessFilter(probeSource, appAddresses) + intoPrefix) { Far = [prefix] },
                new BridgeCaptureSpec(CapturePoint.V4Bridge, plan.BridgeName(NetworkRole.V4), $"ip and host {plan.EchoV4}") { Far = [new IPNetwork(plan.EchoV4, 32)] },
            ];
        if (networks.Underlay is not null)
        {
            // Everything on the underlay: what must not be there is exactly what a filter would hide.
            points.Add(new BridgeCaptureSpec(CapturePoint.Underlay, plan.BridgeName(NetworkRole.Underlay), "") { Far = [new IPNetwork(plan.VpnServerUnderlay, 32)] });
        }

        if (vpn?.TunDevice is { } device)
        {
            // Both ways through the VPN's TUN, each frame with its direction: the app's requests and the responses the VPN
            // built. On a TAP the VPN stack's own ARP and neighbour discovery are link housekeeping.
            var filter = vpn.Facts?.Link == DeviceLink.Tap ? $"not arp and {NotNeighbourDiscovery}" : "";
            points.Add(new NamespaceCaptureSpec(CapturePoint.Tun, probe, device, "inout", filter) { Far = [prefix] });
        }

        return points;
    }

    /// <summary>The IPv6 bridge's filter: the probe's packets and what is addressed into the prefix, without link housekeeping.</summary>
    internal static string V6Filter(IPAddress probeSource, IPNetwork prefix) =>
        $"ip6 and (host {probeSource} or dst net {prefix}) and not (icmp6 and ip6[40] >= 130 and ip6[40] <= 143)";
}
