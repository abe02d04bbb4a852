using System.Net;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using DotNet.Testcontainers.Networks;

namespace Nat64Harness.Containers;

/// <summary>
/// What every builder of ours shares: labels, an init process (docker stop is instant and killed children
/// are reaped), capabilities, sysctls, fixed addresses on the network it is created on and on further ones,
/// and the readiness signal. A concrete builder adds its own options and says how to wrap a configuration.
/// </summary>
/// <typeparam name="TBuilder">The concrete builder.</typeparam>
/// <typeparam name="TContainer">The container it builds.</typeparam>
/// <typeparam name="TConfiguration">Its configuration: <see cref="HarnessContainerConfiguration"/> or a subclass.</typeparam>
public abstract class HarnessContainerBuilder<TBuilder, TContainer, TConfiguration> : ContainerBuilder<TBuilder, TContainer, TConfiguration>
    where TBuilder : HarnessContainerBuilder<TBuilder, TContainer, TConfiguration>
    where TContainer : IContainer
    where TConfiguration : HarnessContainerConfiguration
{
    /// <summary>Wraps a configuration.</summary>
    protected HarnessContainerBuilder(TConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Labels, init, readiness within <paramref name="timeout"/>; the image is never pulled; disposing the container removes it.</summary>
    public TBuilder WithHarnessDefaults(IReadOnlyDictionary<string, string> labels, TimeSpan timeout)
    {
        var b = WithImagePullPolicy(PullPolicy.Never)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new ReadinessSignal(), o => o.WithTimeout(timeout).WithInterval(TimeSpan.FromMilliseconds(100))))
            .WithCreateParameterModifier(p => (p.HostConfig ??= new HostConfig()).Init = true);
        foreach (var (key, value) in labels)
        {
            b = b.WithLabel(key, value);
        }

        return b;
    }

    /// <summary>NET_ADMIN (routes, TUN), optionally /dev/net/tun, and the given sysctls.</summary>
    public TBuilder WithNetworkAdmin(bool tun, params (string Key, string Value)[] sysctls) =>
        WithCreateParameterModifier(p =>
        {
            p.HostConfig ??= new HostConfig();
            p.HostConfig.CapAdd = [.. p.HostConfig.CapAdd ?? [], "NET_ADMIN"];
            if (tun)
            {
                p.HostConfig.Devices = [.. p.HostConfig.Devices ?? [], new DeviceMapping { PathOnHost = "/dev/net/tun", PathInContainer = "/dev/net/tun", CgroupPermissions = "rwm" }];
            }

            p.HostConfig.Sysctls ??= new Dictionary<string, string>();
            foreach (var (key, value) in sysctls)
            {
                p.HostConfig.Sysctls[key] = value;
            }
        });

    /// <summary>The network the container is created on, with a fixed address.</summary>
    public TBuilder WithPrimaryAddress(INetwork network, IPAddress address) =>
        WithNetwork(network).WithCreateParameterModifier(p =>
        {
            var endpoint = p.NetworkingConfig?.EndpointsConfig?[network.Name]
                ?? throw new InvalidOperationException($"network {network.Name} missing from the create parameters");
            endpoint.IPAMConfig = HarnessContainer.Ipam(address);
        });

    /// <summary>A further network, attached with a fixed address after the container is created and before it starts.</summary>
    public TBuilder WithExtraAddress(INetwork network, IPAddress address) =>
        Merge(DockerResourceConfiguration, Wrap(new HarnessContainerConfiguration([new NetworkAttachment(network.Name, address)])));

    /// <summary>This builder's configuration type holding only <paramref name="common"/>'s values.</summary>
    protected abstract TConfiguration Wrap(HarnessContainerConfiguration common);

    /// <inheritdoc />
    protected override TBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, Wrap(new HarnessContainerConfiguration(resourceConfiguration)));

    /// <inheritdoc />
    protected override TBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, Wrap(new HarnessContainerConfiguration(resourceConfiguration)));
}
