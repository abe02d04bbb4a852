using Xunit;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// The Docker tests run in two lanes side by side, each lane one class at a time: this one and
/// <see cref="DockerSecondLane"/>. Two, not more: the machine the suite is measured on has two cores, a bulk
/// transfer or a 100-flow scenario takes one, and more topologies beside them turn load into spurious timeouts. The
/// classes are dealt to the lanes by measured time (.ci/run prints the slowest and the Docker tests' wall time): the
/// first lane holds the prefix matrix, the baseline and lifecycle classes, Jool with and without WireGuard and half
/// the fault matrix; the second the other VPN classes, the fault matrix's other half, the bench and the image-build
/// lock (measured at 87ae41e: the first lane ended 149 s after the second, the bench taking 56 s of it and the
/// image-build lock 15 s).
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
