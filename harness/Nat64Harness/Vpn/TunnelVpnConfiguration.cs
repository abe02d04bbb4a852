using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Nat64Harness.Vpn;

/// <summary>Immutable configuration of a tunnel VPN server or client; merged builder step by builder step.</summary>
public sealed class TunnelVpnConfiguration : ContainerConfiguration
{
    /// <summary>Creates an empty configuration.</summary>
    public TunnelVpnConfiguration()
    {
    }

    /// <summary>Wraps a generic resource configuration.</summary>
    public TunnelVpnConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Wraps a generic container configuration.</summary>
    public TunnelVpnConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a configuration.</summary>
    public TunnelVpnConfiguration(TunnelVpnConfiguration resourceConfiguration)
        : this(new TunnelVpnConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; the newer value wins.</summary>
    public TunnelVpnConfiguration(TunnelVpnConfiguration oldValue, TunnelVpnConfiguration newValue)
        : base(oldValue, newValue)
    {
    }
}
