using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Nat64Harness.Addressing;

namespace Nat64Harness.Topology;

/// <summary>
/// Picks a free block index N: none of its subnets may overlap a route of the host, a Docker network, or a
/// range that must never be used on this machine (the uplink and the package mirror live there).
/// </summary>
public static class AddressPlanAllocator
{
    /// <summary>Ranges no network of ours may touch: RFC 1918, and the RFC 5737 ranges this host's uplink and mirror use.</summary>
    public static readonly IReadOnlyList<IpNetwork> Forbidden =
    [
        IpNetwork.Parse("10.0.0.0/8"), IpNetwork.Parse("172.16.0.0/12"), IpNetwork.Parse("192.168.0.0/16"),
        IpNetwork.Parse("192.0.2.0/24"), IpNetwork.Parse("203.0.113.0/24"),
    ];

    // Blocks handed out in this process: parallel test classes allocate before any of them creates a network.
    private static readonly HashSet<int> Reserved = [];

    /// <summary>Allocates a plan; a given block (NAT64H_BLOCK) is checked, not searched.</summary>
    public static async Task<AddressPlan> AllocateAsync(DockerClient client, Nat64Prefix prefix, int? block = null, CancellationToken ct = default)
    {
        var taken = ReadHostRoutes().ToList();
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters(), ct).ConfigureAwait(false);
        taken.AddRange(networks.SelectMany(n => n.IPAM?.Config ?? []).Where(c => !string.IsNullOrEmpty(c.Subnet)).Select(c => IpNetwork.Parse(c.Subnet)));

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
                if (!Reserved.Contains(candidate.Block) && !Conflicts(candidate, taken).Any())
                {
                    Reserved.Add(candidate.Block);
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("no free address block 1-254: every 100.64-66.N.0/24 overlaps a host route or Docker network");
    }

    /// <summary>Names each overlap of the plan with a taken or forbidden range.</summary>
    public static IEnumerable<string> Conflicts(AddressPlan plan, IEnumerable<IpNetwork> taken)
    {
        var takenList = taken.ToList();
        foreach (var subnet in plan.Subnets.Select(IpNetwork.Parse))
        {
            foreach (var f in Forbidden.Where(subnet.Overlaps))
            {
                yield return $"{subnet} lies in forbidden range {f}";
            }

            foreach (var t in takenList.Where(subnet.Overlaps))
            {
                yield return $"{subnet} overlaps {t} (a host route or Docker network)";
            }
        }
    }

    /// <summary>Destinations of the host's IPv4 and IPv6 routes, default routes excluded.</summary>
    public static IEnumerable<IpNetwork> ReadHostRoutes()
    {
        if (File.Exists("/proc/net/route"))
        {
            foreach (var line in File.ReadLines("/proc/net/route").Skip(1))
            {
                var f = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (f.Length < 8)
                {
                    continue;
                }

                var dest = new IPAddress(BitConverter.GetBytes(uint.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                var mask = uint.Parse(f[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var len = System.Numerics.BitOperations.PopCount(mask);
                if (len > 0)
                {
                    yield return new IpNetwork(dest, len);
                }
            }
        }

        if (File.Exists("/proc/net/ipv6_route"))
        {
            foreach (var line in File.ReadLines("/proc/net/ipv6_route"))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 2)
                {
                    continue;
                }

                var len = int.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (len > 0 && len <= 128)
                {
                    yield return new IpNetwork(new IPAddress(Convert.FromHexString(f[0])), len);
                }
            }
        }
    }
}
