using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Nat64Harness.Containers.Probe;

/// <summary>Immutable configuration of a probe; merged builder step by builder step.</summary>
public sealed class ProbeConfiguration : ContainerConfiguration
{
    /// <summary>Creates an empty configuration.</summary>
    public ProbeConfiguration()
    {
    }

    /// <summary>Wraps a generic resource configuration.</summary>
    public ProbeConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Wraps a generic container configuration.</summary>
    public ProbeConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    public ProbeConfiguration(ProbeConfiguration resourceConfiguration)
        : this(new ProbeConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the newer value wins.</summary>
    public ProbeConfiguration(ProbeConfiguration oldValue, ProbeConfiguration newValue)
        : base(oldValue, newValue)
    {
    }
}
