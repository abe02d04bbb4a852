using System.Net.NetworkInformation;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Nat64Harness.Docker;
using Nat64Harness.Model;

namespace Nat64Harness.Networks;

/// <summary>
/// Checks a run's networks against the rules every network of ours must keep: internal, bridge without
/// IPv4 (inhibit_ipv4), every subnet inside the run's address plan and outside the forbidden ranges.
/// </summary>
public static class NetworkAudit
{
    /// <summary>Every rule a network of the run breaks, one line each (empty when all hold).</summary>
    public static async Task<IReadOnlyList<string>> NetworkViolationsAsync(DockerClient client, string runId, AddressPlan plan, CancellationToken ct = default)
    {
        var violations = new List<string>();
        var planned = plan.Subnets.ToList();
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{HarnessLabels.Run}={runId}"] = true } },
        }, ct).ConfigureAwait(false);
        if (networks.Count == 0)
        {
            violations.Add($"no network carries {HarnessLabels.Run}={runId}");
        }

        foreach (var n in networks)
        {
            if (!n.Internal)
            {
                violations.Add($"network {n.Name} is not internal");
            }

            if (n.Options is null || !n.Options.TryGetValue(HarnessNetwork.InhibitIpv4Option, out var inhibit) || inhibit != "true")
            {
                violations.Add($"network {n.Name} lacks {HarnessNetwork.InhibitIpv4Option}=true");
            }

            foreach (var subnet in (n.IPAM?.Config ?? []).Select(c => IPNetworkExtensions.ParseMasked(c.Subnet)))
            {
                if (!planned.Any(p => p.Covers(subnet)))
                {
                    violations.Add($"network {n.Name}: subnet {subnet} is outside the address plan of block {plan.Block}");
                }

                violations.AddRange(AddressPlanAllocator.Forbidden.Where(f => subnet.Overlaps(f)).Select(f => $"network {n.Name}: subnet {subnet} lies in forbidden range {f}"));
            }

            if (n.Options is not null && n.Options.TryGetValue(HarnessNetwork.BridgeNameOption, out var bridge))
            {
                var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(i => i.Name == bridge);
                var v4 = nic?.GetIPProperties().UnicastAddresses.Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork).Select(a => a.Address).ToList() ?? [];
                if (v4.Count > 0)
                {
                    violations.Add($"network {n.Name}: host bridge {bridge} holds IPv4 {string.Join(", ", v4)}");
                }
            }
        }

        return violations;
    }
}
