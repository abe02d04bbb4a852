using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Nat64Harness.Containers;

namespace Nat64Harness.Vpn;

/// <summary>
/// Builds one end of a tunnel VPN that follows containers/vpn-contract.md; <see cref="TunnelVpn"/> sets the
/// contract's environment, networks, capabilities and sysctls.
/// </summary>
public sealed class TunnelVpnBuilder : ContainerBuilder<TunnelVpnBuilder, TunnelVpnContainer, TunnelVpnConfiguration>
{
    /// <summary>A builder for the given image .</summary>
    public TunnelVpnBuilder(string image)
        : this(new TunnelVpnConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private TunnelVpnBuilder(TunnelVpnConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override TunnelVpnConfiguration DockerResourceConfiguration { get; }

    /// <inheritdoc />
    public override TunnelVpnContainer Build()
    {
        Validate();
        return new TunnelVpnContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override TunnelVpnBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new TunnelVpnConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override TunnelVpnBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new TunnelVpnConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override TunnelVpnBuilder Merge(TunnelVpnConfiguration oldValue, TunnelVpnConfiguration newValue) =>
        new(new TunnelVpnConfiguration(oldValue, newValue));
}
