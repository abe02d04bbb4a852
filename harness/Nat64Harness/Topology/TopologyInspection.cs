using System.Net.NetworkInformation;
using Nat64Harness.Containers;
using Nat64Harness.Docker;

namespace Nat64Harness.Topology;

/// <summary>Checks over a started topology's containers; each audit is one method here.</summary>
public static class TopologyInspection
{
    /// <summary>The MAC addresses the VPN's containers hold on the underlay (to tell their frames from the host's).</summary>
    public static async Task<IReadOnlySet<PhysicalAddress>> UnderlayMacsAsync(this Nat64Topology topology, CancellationToken ct = default)
    {
        var macs = new HashSet<PhysicalAddress>();
        var underlay = topology.Networks.Underlay;
        if (topology.Vpn is null || underlay is null)
        {
            return macs;
        }

        using var client = DockerEngine.CreateClient();
        foreach (var c in topology.Vpn.Containers)
        {
            var inspect = await client.Containers.InspectContainerAsync(c.Id, ct).ConfigureAwait(false);
            if (inspect.NetworkSettings?.Networks?.TryGetValue(underlay.Name, out var endpoint) == true && !string.IsNullOrEmpty(endpoint.MacAddress))
            {
                macs.Add(PhysicalAddress.Parse(endpoint.MacAddress.Replace(':', '-').ToUpperInvariant()));
            }
        }

        return macs;
    }

    /// <summary>
    /// The default routes left in each container of ours, by name (there must be none), in every table: a VPN may route
    /// from a table of its own behind a policy rule, where the main table's listing would not show it.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> DefaultRoutesAsync(this Nat64Topology topology, CancellationToken ct = default)
    {
        var routes = new Dictionary<string, string>();
        foreach (var c in topology.Containers.OfType<HarnessContainer>())
        {
            routes[c.Name] = (await c.RunAsync(["sh", "-c", "ip -4 route show table all default; ip -6 route show table all default"], ct).ConfigureAwait(false)).Trim();
        }

        return routes;
    }
}
