using Xunit;

// xUnit 2.9 starts only as many tests at once as it has threads, one per core by default: on two cores, two lanes and
// nothing else. Four, so that the four Docker lanes run side by side (the unit-test classes, seconds in all, take a
// slot between them).
[assembly: CollectionBehavior(MaxParallelThreads = 4)]

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// The Docker tests run in four lanes side by side, each lane one class at a time: this one,
/// <see cref="DockerSecondLane"/>, <see cref="DockerThirdLane"/> and <see cref="DockerFourthLane"/>. Four on two
/// cores, because most of a Docker class's time is waiting, not computing: an idle flow's 65 s, a timeout that is the
/// expected outcome, a container's start. Measured at c51c2a6 on this 2-core machine: the Docker tests alone in two
/// lanes took 11–12 minutes, and two whole suites started two minutes apart on one engine (four lanes at once) both
/// ended within 14 minutes, so two lanes left half the machine idle (xUnit's thread count, one per core, held a single
/// run to two: see the assembly's CollectionBehavior above). In four lanes at e8717e8 they took 7 min 29 s, the CPU
/// 76 % busy on average. The classes are dealt to the lanes by measured time (.ci/run prints the slowest classes and
/// the Docker tests' wall time), the CPU-heavy ones (50 MiB transfers, the bench, the 1000-flow tests) spread across
/// them. At e8717e8 the lanes ended 379 s to 450 s after the first start; the Jool failures and the image-build lock
/// then moved from the third lane, the last to end, to the second. In a soak run at 8324558 the third lane still ended
/// last (461 s, the others 404–421 s); the fourth then shared one baseline topology among its six baseline classes
/// (five topology starts fewer) and took strongSwan's device MTU class (30 s) from the third:
/// <list type="bullet">
/// <item>first: slirp4netns, the fault matrix's odd rows, Jool;</item>
/// <item>second: the reference per-app VPN, the fault matrix's even rows, strongSwan routing all, the Jool failures,
/// the image-build lock;</item>
/// <item>third: the prefix matrix (the slowest under load: 221–228 s), strongSwan, WireGuard;</item>
/// <item>fourth: Jool with WireGuard, OpenVPN, strongSwan's device MTU, the bench, the lifecycle faults and the
/// baseline classes.</item>
/// </list>
/// </summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Docker";
}

/// <summary>The second Docker lane (see <see cref="DockerCollection"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DockerSecondLane
{
    /// <summary>The collection name.</summary>
    public const string Name = "Docker, second lane";
}

/// <summary>The third Docker lane (see <see cref="DockerCollection"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DockerThirdLane
{
    /// <summary>The collection name.</summary>
    public const string Name = "Docker, third lane";
}

/// <summary>
/// The fourth Docker lane (see <see cref="DockerCollection"/>). Its six baseline classes (conformance, checks, bench,
/// DNS, isolation, capture negatives) share one baseline topology, started once for the lane instead of once per class:
/// each of them puts back what it changes (a route, a queue length, a paused DNS container) before it ends.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DockerFourthLane : ICollectionFixture<BaselineTopologyFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Docker, fourth lane";
}

/// <summary>Every Docker lane's collection name.</summary>
public static class DockerLanes
{
    /// <summary>The lanes, first to fourth.</summary>
    public static IReadOnlyList<string> Names { get; } = [DockerCollection.Name, DockerSecondLane.Name, DockerThirdLane.Name, DockerFourthLane.Name];
}
