using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Nat64Harness.Addressing;
using Nat64Harness.Model;

namespace Nat64Harness.Networks;

/// <summary>
/// Picks a free block index N: none of its subnets may overlap a route of the host, a Docker network, or a
/// range that must never be used (private and documentation ranges, where machines keep uplinks and mirrors).
/// </summary>
public static class AddressPlanAllocator
{
    /// <summary>Ranges no network of ours may touch: RFC 1918, and the RFC 5737 ranges measured machines' uplinks and mirrors use.</summary>
    public static readonly IReadOnlyList<IPNetwork> Forbidden =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("203.0.113.0/24"),
    ];

    // Blocks handed out in this process: parallel test classes allocate before any of them creates a network.
    private static readonly HashSet<int> Reserved = [];

    /// <summary>Allocates a plan; a given block is checked, not searched.</summary>
    /// <exception cref="ArgumentException">The prefix overlaps the run's IPv6 networks (of the given block, or of every block).</exception>
    public static async Task<AddressPlan> AllocateAsync(DockerClient client, Nat64Prefix prefix, int? block = null, CancellationToken ct = default)
    {
        if (block is { } b && new AddressPlan(b, prefix).PrefixConflict() is { } conflictOfBlock)
        {
            throw new ArgumentException(conflictOfBlock);
        }

        if (Enumerable.Range(1, 254).All(n => new AddressPlan(n, prefix).PrefixConflict() is not null))
        {
            throw new ArgumentException(new AddressPlan(1, prefix).PrefixConflict());
        }

        var taken = HostRoutes.Read().ToList();
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters(), ct).ConfigureAwait(false);
        taken.AddRange(networks.SelectMany(n => n.IPAM?.Config ?? []).Where(c => !string.IsNullOrEmpty(c.Subnet)).Select(c => IPNetworkExtensions.ParseMasked(c.Subnet)));

        if (block is { } fixedBlock)
        {
            var plan = new AddressPlan(fixedBlock, prefix);
            var conflict = Conflicts(plan, taken).FirstOrDefault();
            return conflict is null ? plan : throw new InvalidOperationException($"address block {fixedBlock} is not free: {conflict}");
        }

        // Start at a pid-derived block so concurrent runs rarely race for the same one.
        var start = 1 + (Environment.ProcessId % 200);
        for (var i = 0; i < 254; i++)
        {
            var candidate = new AddressPlan(1 + ((start + i - 1) % 254), prefix);
            lock (Reserved)
            {
                if (!Reserved.Contains(candidate.Block) && candidate.PrefixConflict() is null && !Conflicts(candidate, taken).Any())
                {
                    Reserved.Add(candidate.Block);
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("no free address block 1-254: every 100.64-66.N.0/24 overlaps a host route or Docker network");
    }

    /// <summary>Names each overlap of the plan with a taken or forbidden range.</summary>
    public static IEnumerable<string> Conflicts(AddressPlan plan, IEnumerable<IPNetwork> taken)
    {
        var takenList = taken.ToList();
        foreach (var subnet in plan.Subnets)
        {
            foreach (var f in Forbidden.Where(f => subnet.Overlaps(f)))
            {
                yield return $"{subnet} lies in forbidden range {f}";
            }

            foreach (var t in takenList.Where(t => subnet.Overlaps(t)))
            {
                yield return $"{subnet} overlaps {t} (a host route or Docker network)";
            }
        }
    }
}
