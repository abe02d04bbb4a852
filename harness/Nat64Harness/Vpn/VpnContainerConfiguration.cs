using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Nat64Harness.Vpn;

/// <summary>Immutable configuration of a VPN container; merged builder step by builder step.</summary>
public sealed class VpnContainerConfiguration : ContainerConfiguration
{
    /// <summary>Creates an empty configuration.</summary>
    public VpnContainerConfiguration()
    {
    }

    /// <summary>Wraps a generic resource configuration.</summary>
    public VpnContainerConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Wraps a generic container configuration.</summary>
    public VpnContainerConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    public VpnContainerConfiguration(VpnContainerConfiguration resourceConfiguration)
        : this(new VpnContainerConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the newer value wins.</summary>
    public VpnContainerConfiguration(VpnContainerConfiguration oldValue, VpnContainerConfiguration newValue)
        : base(oldValue, newValue)
    {
    }
}
