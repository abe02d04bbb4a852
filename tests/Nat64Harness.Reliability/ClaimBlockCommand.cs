using System.Globalization;
using Nat64Harness.Addressing;
using Nat64Harness.Model;
using Nat64Harness.Networks;

namespace Nat64Harness.Reliability;

/// <summary>
/// One claimant of the contention test: claims the first free block from a start every claimant shares, prints
/// "claimed N" and holds the claim until its stdin closes. <c>--no-lease</c> picks the block as the allocator did
/// before leases (free of conflicts, nothing held across processes): the negative case, where claimants collide.
/// </summary>
internal static class ClaimBlockCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folder = args[0];
        var start = int.Parse(args[1], CultureInfo.InvariantCulture);
        var noLease = args.Contains("--no-lease");

        // Nothing taken: every claimant sees the same free blocks, so only the lease keeps them apart.
        BlockClaim? claim = null;
        int block;
        if (noLease)
        {
            block = Enumerable.Range(0, 254).Select(i => 1 + ((start + i - 1) % 254))
                .First(b => !AddressPlanAllocator.Conflicts(new AddressPlan(b, Nat64Prefix.WellKnown), []).Any());
        }
        else
        {
            claim = AddressPlanAllocator.ClaimFree(Nat64Prefix.WellKnown, [], folder, start)
                ?? throw new InvalidOperationException("no free block");
            block = claim.Plan.Block;
        }

        Console.WriteLine($"claimed {block}");
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        claim?.Dispose();
        return 0;
    }
}
