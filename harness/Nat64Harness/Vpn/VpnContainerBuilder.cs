using Nat64Harness.Containers;

namespace Nat64Harness.Vpn;

/// <summary>
/// Builds a container of a VPN under test: one end of a tunnel VPN (<see cref="TunnelVpn"/>) or a per-app VPN
/// (<see cref="PerAppVpn"/>); they set the contract's environment, networks, capabilities and sysctls.
/// </summary>
public sealed class VpnContainerBuilder : HarnessContainerBuilder<VpnContainerBuilder, VpnContainer, HarnessContainerConfiguration>
{
    /// <summary>A builder for the given image.</summary>
    public VpnContainerBuilder(string image)
        : this(new HarnessContainerConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private VpnContainerBuilder(HarnessContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override HarnessContainerConfiguration DockerResourceConfiguration { get; }

    /// <inheritdoc />
    public override VpnContainer Build()
    {
        Validate();
        return new VpnContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override HarnessContainerConfiguration Wrap(HarnessContainerConfiguration common) => common;

    /// <inheritdoc />
    protected override VpnContainerBuilder Merge(HarnessContainerConfiguration oldValue, HarnessContainerConfiguration newValue) =>
        new(new HarnessContainerConfiguration(oldValue, newValue));
}
