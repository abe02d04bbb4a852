using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Networks;
using Xunit;

namespace Nat64Harness.Tests.Reliability;

/// <summary>
/// Address blocks claimed by many processes at once, all starting their search at the same block: each gets its
/// own. The same claimants without the lease collide, which is what two test runs on one engine did before.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BlockLeaseContentionTests : IDisposable
{
    private const int Claimants = 12;
    private const int SharedStart = 17;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly string _leases = Directory.CreateTempSubdirectory("nat64h-leases-").FullName;

    [Fact]
    public async Task Claim_ByManyProcessesAtOnce_GivesEachItsOwnBlock()
    {
        // Given twelve processes claiming at once from the same start; When each has claimed
        var blocks = await ClaimAllAsync(noLease: false);

        // Then no block was handed out twice
        blocks.Should().OnlyHaveUniqueItems($"every claimant holds a lease under {_leases}");
        blocks.Should().HaveCount(Claimants);
    }

    [Fact]
    public async Task Claim_ByManyProcessesWithoutLease_Collides()
    {
        // Given the same claimants picking blocks as the allocator did before leases (nothing held across processes)
        var blocks = await ClaimAllAsync(noLease: true);

        // Then they collide, and the assertion of the test above fails on it
        var unique = () => blocks.Should().OnlyHaveUniqueItems();
        unique.Should().Throw<Xunit.Sdk.XunitException>().WithMessage("*unique*");
    }

    [Fact]
    public async Task Lease_OfHolderKilledWithSigkill_IsFreeAgain()
    {
        // Given a process holding a block
        using var holder = ReliabilityTool.Start("claim-block", _leases, SharedStart.ToString(CultureInfo.InvariantCulture));
        var block = await ReadClaimAsync(holder);
        using (var meanwhile = AddressPlanAllocator.ClaimFree(Nat64Prefix.WellKnown, [], _leases, block, skip: null))
        {
            meanwhile!.Plan.Block.Should().NotBe(block, "the holder is alive");
        }

        // When it is killed with SIGKILL (no finally, no dispose runs)
        holder.Kill();
        await holder.WaitForExitAsync();

        // Then the kernel has dropped its lease: the block is free to the next claimant
        using var next = AddressPlanAllocator.ClaimFree(Nat64Prefix.WellKnown, [], _leases, block, skip: null);
        next!.Plan.Block.Should().Be(block);
    }

    public void Dispose() => Directory.Delete(_leases, recursive: true);

    private async Task<List<int>> ClaimAllAsync(bool noLease)
    {
        var processes = Enumerable.Range(0, Claimants)
            .Select(_ => ReliabilityTool.Start(noLease
                ? ["claim-block", _leases, SharedStart.ToString(CultureInfo.InvariantCulture), "--no-lease"]
                : ["claim-block", _leases, SharedStart.ToString(CultureInfo.InvariantCulture)]))
            .ToList();
        try
        {
            // Every claimant holds its block until all have claimed: none gives one back for another to take.
            var blocks = await Task.WhenAll(processes.Select(ReadClaimAsync));
            return [.. blocks];
        }
        finally
        {
            foreach (var p in processes)
            {
                p.StandardInput.Close();
                await p.WaitForExitAsync();
                p.Dispose();
            }
        }
    }

    private static async Task<int> ReadClaimAsync(Process process)
    {
        using var cts = new CancellationTokenSource(Patience);
        var line = await process.StandardOutput.ReadLineAsync(cts.Token);
        if (line is null || !line.StartsWith("claimed ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"claimant printed '{line}': {await process.StandardError.ReadToEndAsync()}");
        }

        return int.Parse(line["claimed ".Length..], CultureInfo.InvariantCulture);
    }
}
