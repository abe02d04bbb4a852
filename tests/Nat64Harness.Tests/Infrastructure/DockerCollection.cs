using Xunit;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// Docker tests run one class at a time: bulk transfers and 100-flow scenarios on two cores would otherwise
/// compete with another topology's start-up and turn load into spurious timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Docker";
}
