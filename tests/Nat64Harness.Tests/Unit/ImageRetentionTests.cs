using FluentAssertions;
using Nat64Harness.Images;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>Which older tags a build removes: never one a process on this host asked for lately, whatever its age.</summary>
[Trait("Category", "Unit")]
public sealed class ImageRetentionTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    // The tag just built, then six older ones, newest first.
    private static readonly (string Tag, DateTime Created)[] Images =
        [("p:new", Now), .. Enumerable.Range(1, 6).Select(h => ($"p:old{h}", Now.AddHours(-h)))];

    [Fact]
    public void Removable_NoTagUsedLately_KeepsTheThreeNewestOthers()
    {
        Removable(_ => null).Should().Equal("p:old4", "p:old5", "p:old6");
    }

    [Fact]
    public void Removable_AnOldTagAskedForTenMinutesAgo_IsKept()
    {
        // Given the oldest tag resolved by a parallel run ten minutes ago, whose containers may not have started yet
        var used = new Dictionary<string, DateTime> { ["p:old6"] = Now.AddMinutes(-10) };

        // Then it is not removed; the other old ones still are
        Removable(t => used.TryGetValue(t, out var u) ? u : null).Should().Equal("p:old4", "p:old5");
    }

    [Fact]
    public void Removable_AnOldTagLastAskedForLongerAgoThanASuiteRuns_IsRemoved()
    {
        var used = new Dictionary<string, DateTime> { ["p:old6"] = Now - HarnessImage.InUseFor - TimeSpan.FromMinutes(1) };

        Removable(t => used.TryGetValue(t, out var u) ? u : null).Should().Equal("p:old4", "p:old5", "p:old6");
    }

    private static List<string> Removable(Func<string, DateTime?> lastUse) =>
        HarnessImage.Removable(Images, i => [i.Tag], i => i.Created, "p:new", lastUse, Now).Select(i => i.Tag).ToList();
}
