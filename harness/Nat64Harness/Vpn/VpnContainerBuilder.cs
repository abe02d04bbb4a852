using Docker.DotNet.Models;
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

    /// <summary>
    /// Exactly the capabilities a contract names and no others (<c>--cap-drop ALL --cap-add ...</c>), so an image that
    /// needs more than its contract says fails here rather than on a user's machine.
    /// </summary>
    public VpnContainerBuilder WithOnlyCapabilities(params string[] capabilities) =>
        WithCreateParameterModifier(p =>
        {
            p.HostConfig ??= new HostConfig();
            p.HostConfig.CapDrop = ["ALL"];
            p.HostConfig.CapAdd = [.. capabilities];
        });

    /// <summary>
    /// A read-only bind mount of another process's network namespace file (<c>/proc/&lt;pid&gt;/ns/net</c>, resolved by the
    /// daemon) at <paramref name="target"/>.
    /// </summary>
    public VpnContainerBuilder WithNamespaceFile(long pid, string target) =>
        WithCreateParameterModifier(p =>
        {
            p.HostConfig ??= new HostConfig();
            p.HostConfig.Binds = [.. p.HostConfig.Binds ?? [], $"/proc/{pid}/ns/net:{target}:ro"];
        });

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
