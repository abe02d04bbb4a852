using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Nat64Harness.Containers;

namespace Nat64Harness.Vpn;

/// <summary>
/// Builds a container of a VPN under test: one end of a tunnel VPN (<see cref="TunnelVpn"/>) or a per-app VPN
/// (<see cref="PerAppVpn"/>); they set the contract's environment, networks, capabilities and sysctls.
/// </summary>
public sealed class VpnContainerBuilder : ContainerBuilder<VpnContainerBuilder, VpnContainer, VpnContainerConfiguration>
{
    /// <summary>A builder for the given image.</summary>
    public VpnContainerBuilder(string image)
        : this(new VpnContainerConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private VpnContainerBuilder(VpnContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override VpnContainerConfiguration DockerResourceConfiguration { get; }

    /// <inheritdoc />
    public override VpnContainer Build()
    {
        Validate();
        return new VpnContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override VpnContainerBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new VpnContainerConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override VpnContainerBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new VpnContainerConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override VpnContainerBuilder Merge(VpnContainerConfiguration oldValue, VpnContainerConfiguration newValue) =>
        new(new VpnContainerConfiguration(oldValue, newValue));
}
