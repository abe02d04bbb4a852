using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Nat64Harness.Addressing;
using Nat64Harness.Docker;
using Nat64Harness.Model;

namespace Nat64Harness.Networks;

/// <summary>
/// Picks a free block index N: none of its subnets may overlap a route of the host, a Docker network, or a
/// range that must never be used (private and documentation ranges, where machines keep uplinks and mirrors),
/// and no other process of this host may hold it. The claim is a lease per block (<see cref="HostLock"/>: a
/// <c>flock</c> under /run/nat64harness/blocks), held until the block's networks are deleted and dropped by the
/// kernel when its holder dies, so it is atomic across processes and a crashed holder does not keep it. What a
/// lease cannot see (another host on a shared engine, a network made by hand since the listing) Docker refuses
/// at network creation ("Pool overlaps"): <see cref="IsPoolConflict"/> tells the caller to claim another block.
/// </summary>
public static class AddressPlanAllocator
{
    /// <summary>Ranges no network of ours may touch: RFC 1918, and the RFC 5737 ranges measured machines' uplinks and mirrors use.</summary>
    public static readonly IReadOnlyList<IPNetwork> Forbidden =
    [
        IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("203.0.113.0/24"),
    ];

    /// <summary>How long a fixed block waits for another process of this host that holds it.</summary>
    public static readonly TimeSpan FixedBlockWait = TimeSpan.FromMinutes(15);

    // Claims made through AllocateAsync, whose callers never give them back: held for the life of the process,
    // as the in-process reservations before leases were.
    private static readonly List<BlockClaim> ProcessClaims = [];

    /// <summary>The lease folder of block claims under <paramref name="lockFolder"/> (default <see cref="HostLock.DefaultFolder"/>).</summary>
    public static string LeaseFolder(string? lockFolder = null) => Path.Combine(lockFolder ?? HostLock.DefaultFolder, "blocks");

    /// <summary>
    /// Claims a block: a given one waits for its lease (another run of this host may hold it) and is then checked,
    /// not searched; otherwise the first free block from a pid-derived start, skipping <paramref name="skip"/>.
    /// </summary>
    public static async Task<BlockClaim> ClaimAsync(DockerClient client, Nat64Prefix prefix, int? block = null, IReadOnlySet<int>? skip = null, TextWriter? log = null, string? lockFolder = null, CancellationToken ct = default)
    {
        if (block is { } b && new AddressPlan(b, prefix).PrefixConflict() is { } conflictOfBlock)
        {
            throw new ArgumentException(conflictOfBlock);
        }

        if (Enumerable.Range(1, 254).All(n => new AddressPlan(n, prefix).PrefixConflict() is not null))
        {
            throw new ArgumentException(new AddressPlan(1, prefix).PrefixConflict());
        }

        var leases = LeaseFolder(lockFolder);
        if (block is { } fixedBlock)
        {
            var plan = new AddressPlan(fixedBlock, prefix);
            var lease = await HostLock.AcquireAsync(LeasePath(leases, fixedBlock), $"address block {fixedBlock}", FixedBlockWait, log ?? TextWriter.Null, ct).ConfigureAwait(false);
            try
            {
                // Listed after the lease: the previous holder deleted its networks before it let go.
                var conflict = Conflicts(plan, await TakenAsync(client, ct).ConfigureAwait(false)).FirstOrDefault();
                return conflict is null ? new BlockClaim(plan, lease) : throw new InvalidOperationException($"address block {fixedBlock} is not free: {conflict}");
            }
            catch
            {
                lease.Dispose();
                throw;
            }
        }

        var taken = await TakenAsync(client, ct).ConfigureAwait(false);
        return ClaimFree(prefix, taken, leases, StartBlock(Environment.ProcessId), skip)
            ?? throw new InvalidOperationException("no free address block 1-254: every 100.64-66.N.0/24 overlaps a host route or Docker network, or is held by another run of this host");
    }

    /// <summary>
    /// The first block from <paramref name="start"/> (wrapping within 1-254) that overlaps nothing in
    /// <paramref name="taken"/> and whose lease under <paramref name="leaseFolder"/> is free; null when none is.
    /// </summary>
    public static BlockClaim? ClaimFree(Nat64Prefix prefix, IReadOnlyCollection<IPNetwork> taken, string leaseFolder, int start, IReadOnlySet<int>? skip = null)
    {
        for (var i = 0; i < 254; i++)
        {
            var block = 1 + ((start + i - 1) % 254);
            var candidate = new AddressPlan(block, prefix);
            if (skip?.Contains(block) == true || candidate.PrefixConflict() is not null || Conflicts(candidate, taken).Any())
            {
                continue;
            }

            if (HostLock.TryAcquire(LeasePath(leaseFolder, block), $"address block {block}") is { } lease)
            {
                return new BlockClaim(candidate, lease);
            }
        }

        return null;
    }

    /// <summary>
    /// Allocates a plan whose lease this process keeps until it exits (for callers that create networks by hand
    /// and never give the block back); a topology claims with <see cref="ClaimAsync"/> and releases at disposal.
    /// </summary>
    public static async Task<AddressPlan> AllocateAsync(DockerClient client, Nat64Prefix prefix, int? block = null, CancellationToken ct = default)
    {
        var claim = await ClaimAsync(client, prefix, block, ct: ct).ConfigureAwait(false);
        lock (ProcessClaims)
        {
            ProcessClaims.Add(claim);
        }

        return claim.Plan;
    }

    /// <summary>True when Docker refused a network because its subnet overlaps one it already has: claim another block.</summary>
    public static bool IsPoolConflict(Exception e)
    {
        // Docker 20.10 answers 403 "Pool overlaps with other one on this address space" (measured); a caller may wrap it.
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is DockerApiException api && api.Message.Contains("Pool overlaps", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where concurrent runs start searching: spread by pid so they rarely meet on one block.</summary>
    public static int StartBlock(int pid) => 1 + (pid % 200);

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

    private static string LeasePath(string folder, int block) => Path.Combine(folder, $"{block}.lock");

    private static async Task<List<IPNetwork>> TakenAsync(DockerClient client, CancellationToken ct)
    {
        var taken = HostRoutes.Read().ToList();
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters(), ct).ConfigureAwait(false);
        taken.AddRange(networks.SelectMany(n => n.IPAM?.Config ?? []).Where(c => !string.IsNullOrEmpty(c.Subnet)).Select(c => IPNetworkExtensions.ParseMasked(c.Subnet)));
        return taken;
    }
}
