using System.Net;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>
/// The contract's routing rules for a tunnel VPN's client (containers/vpn-contract.md, "Policy routing"), judged on
/// what the kernel says, wherever the VPN put its routes: the addresses to ask about, and the verdict on the answers
/// and on every route through the tunnel device. Only <c>ip route get</c> is used for addresses outside our networks:
/// it asks the kernel and sends nothing.
/// </summary>
public static class TunnelRouting
{
    private static readonly IPNetwork LinkLocal = IPNetwork.Parse("fe80::/10");

    private static readonly IPNetwork Multicast = IPNetwork.Parse("ff00::/8");

    /// <summary>A global unicast address outside every network of ours (2000::/3).</summary>
    public static IPAddress OutsideGlobal { get; } = IPAddress.Parse("2000::1");

    /// <summary>A unique local address outside every network of ours (fc00::/7).</summary>
    public static IPAddress OutsideUniqueLocal { get; } = IPAddress.Parse("fd00::1");

    /// <summary>The addresses the contract names, with what it says of each.</summary>
    public static IReadOnlyList<(IPAddress Address, string Role, RouteRequirement Requirement)> Addresses(AddressPlan plan) =>
    [
        (plan.EchoSynthesized, "the echo server's synthesised address, inside the prefix", RouteRequirement.InTunnel),
        (plan.TunnelServerV6, "the server's tunnel address", RouteRequirement.InTunnel),
        (plan.RouterV6, "the NAT64 router: Time Exceeded from its kernel", RouteRequirement.ShouldBeInTunnel),
        (OutsideGlobal, "a global unicast address outside our networks", RouteRequirement.Unreachable),
        (OutsideUniqueLocal, "a unique local address outside our networks", RouteRequirement.Unreachable),
        (plan.VpnAccessV6, "the server's own access address, beyond the path", RouteRequirement.Unreachable),
        (plan.V6AccessGateway, "the access net's host address, Docker's bridge", RouteRequirement.Unreachable),
    ];

    /// <summary>
    /// What a route through the tunnel may cover: the prefix, the tunnel net, the router's /128, and the DNS64
    /// resolver's /128 (NAT64H_DNS_V6: the contract's DNS section asks the VPN to carry it).
    /// </summary>
    public static IReadOnlyList<IPNetwork> Allowed(AddressPlan plan) =>
        [new IPNetwork(plan.Prefix.Network, plan.Prefix.Length), plan.TunnelV6Subnet, new IPNetwork(plan.RouterV6, 128), new IPNetwork(plan.Dns64V6, 128)];

    /// <summary>The device holding <paramref name="address"/> in <c>ip -o -6 addr show</c> output, or null.</summary>
    public static string? DeviceHolding(string addrListing, IPAddress address)
    {
        foreach (var line in addrListing.Split('\n'))
        {
            // "2: ipsec0    inet6 2001:db8:d3:77::2/128 scope global nodad ..."
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var inet6 = Array.IndexOf(words, "inet6");
            if (words.Length < 2 || inet6 < 0 || inet6 + 1 >= words.Length)
            {
                continue;
            }

            var held = words[inet6 + 1].Split('/')[0];
            if (IPAddress.TryParse(held, out var a) && a.Equals(address))
            {
                return words[1].TrimEnd(':').Split('@')[0];
            }
        }

        return null;
    }

    /// <summary>The verdict: violations for every address on the wrong side and every tunnel route beyond the allowed set.</summary>
    public static TunnelRoutingReport Judge(AddressPlan plan, string? device, IReadOnlyList<KernelRule> rules, IReadOnlyList<KernelRoute> routes, IReadOnlyList<RouteLookup> lookups)
    {
        var violations = new List<string>();
        var notes = new List<string>();
        if (device is null)
        {
            violations.Add($"no device holds the client's tunnel address {plan.TunnelClientV6} (NAT64H_TUNNEL_ADDR)");
        }

        var tunnelRoutes = device is null ? [] : routes.Where(r => r.Uses(device) && !Housekeeping(r)).ToList();
        var report = new TunnelRoutingReport(device, rules, tunnelRoutes, lookups, violations, notes);
        var allowed = Allowed(plan);
        foreach (var route in tunnelRoutes.Where(r => !allowed.Any(a => a.Covers(r.Destination))))
        {
            violations.Add($"{Where(report, route)}: `{route.Line}` routes {route.Destination} into the tunnel, beyond {string.Join(" ∪ ", allowed)}");
        }

        foreach (var lookup in lookups)
        {
            var enters = lookup.Enters(device);
            switch (lookup.Requirement)
            {
                case RouteRequirement.InTunnel when !enters:
                    violations.Add($"{lookup.Address} ({lookup.Role}) does not enter the tunnel {device}: {lookup.Answer.Trim()}");
                    break;
                case RouteRequirement.ShouldBeInTunnel when !enters:
                    notes.Add($"{lookup.Address} ({lookup.Role}) does not enter the tunnel: {lookup.Answer.Trim()}; a hop limit that expires at the router gets no answer");
                    break;
                case RouteRequirement.Unreachable when enters:
                    violations.Add($"{lookup.Address} ({lookup.Role}) is steered into the tunnel by {Where(report, lookup.Route!)}: `{lookup.Route!.Line}`");
                    break;
                case RouteRequirement.Unreachable when lookup.Route is { } other:
                    violations.Add($"{lookup.Address} ({lookup.Role}) leaves through {string.Join(',', other.Devices)} ({Where(report, other)}): `{other.Line}`; the client must reach nothing beyond the tunnel");
                    break;
            }
        }

        return report;
    }

    // A table and the rules that select it: "table 220 (rule 220: from all lookup 220)".
    private static string Where(TunnelRoutingReport report, KernelRoute route)
    {
        var selecting = report.RulesSelecting(route.Table).Select(r => $"rule {r.Priority}: {r.Selector} lookup {r.Table}").ToList();
        return $"table {route.Table} ({(selecting.Count == 0 ? "no rule selects it" : string.Join("; ", selecting))})";
    }

    // Routes the kernel keeps on every device: local and multicast entries, link-local, multicast destinations.
    private static bool Housekeeping(KernelRoute route) =>
        route.Type is "local" or "anycast" or "multicast" or "broadcast"
        || LinkLocal.Covers(route.Destination) || Multicast.Covers(route.Destination);
}
