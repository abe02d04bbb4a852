using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Nat64Harness.Containers.Echo;

/// <summary>Immutable configuration of an IPv4-only echo server; merged builder step by builder step.</summary>
public sealed class EchoServerConfiguration : ContainerConfiguration
{
    /// <summary>Creates an empty configuration.</summary>
    public EchoServerConfiguration()
    {
    }

    /// <summary>Wraps a generic resource configuration.</summary>
    public EchoServerConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Wraps a generic container configuration.</summary>
    public EchoServerConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    public EchoServerConfiguration(EchoServerConfiguration resourceConfiguration)
        : this(new EchoServerConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the newer value wins.</summary>
    public EchoServerConfiguration(EchoServerConfiguration oldValue, EchoServerConfiguration newValue)
        : base(oldValue, newValue)
    {
    }
}
