using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using DotNet.Testcontainers.Networks;

namespace Nat64Harness.Containers;

/// <summary>
/// What every container of ours shares: labels, an init process (docker stop is instant and killed children
/// are reaped), capabilities, sysctls, fixed addresses and the readiness signal.
/// </summary>
public static class HarnessContainerExtensions
{
    /// <summary>Label prefix for the networks attached between create and start (Docker 20.10 takes only one at create).</summary>
    internal const string ExtraNetworkLabel = "nat64harness.attach.";

    /// <summary>Labels, init, readiness within <paramref name="timeout"/>; disposing the container removes it.</summary>
    public static TBuilder WithHarnessDefaults<TBuilder, TContainer, TConfiguration>(
        this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder, IReadOnlyDictionary<string, string> labels, TimeSpan timeout)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration
    {
        var b = builder
            .WithImagePullPolicy(PullPolicy.Never)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new ReadinessSignal(), o => o.WithTimeout(timeout).WithInterval(TimeSpan.FromMilliseconds(100))))
            .WithCreateParameterModifier(p => (p.HostConfig ??= new HostConfig()).Init = true);
        foreach (var (key, value) in labels)
        {
            b = b.WithLabel(key, value);
        }

        return b;
    }

    /// <summary>NET_ADMIN (routes, TUN), optionally /dev/net/tun, and the given sysctls.</summary>
    public static TBuilder WithNetworkAdmin<TBuilder, TContainer, TConfiguration>(
        this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder, bool tun, params (string Key, string Value)[] sysctls)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration
    {
        return builder.WithCreateParameterModifier(p =>
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
    }

    /// <summary>The network the container is created on, with a fixed address.</summary>
    public static TBuilder WithPrimaryAddress<TBuilder, TContainer, TConfiguration>(
        this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder, INetwork network, IPAddress address)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration
    {
        return builder.WithNetwork(network).WithCreateParameterModifier(p =>
        {
            var endpoint = p.NetworkingConfig?.EndpointsConfig?[network.Name]
                ?? throw new InvalidOperationException($"network {network.Name} missing from the create parameters");
            endpoint.IPAMConfig = Ipam(address);
        });
    }

    /// <summary>A further network, attached with a fixed address after the container is created and before it starts.</summary>
    public static TBuilder WithExtraAddress<TBuilder, TContainer, TConfiguration>(
        this ContainerBuilder<TBuilder, TContainer, TConfiguration> builder, INetwork network, IPAddress address)
        where TBuilder : ContainerBuilder<TBuilder, TContainer, TConfiguration>
        where TContainer : IContainer
        where TConfiguration : IContainerConfiguration
    {
        return builder.WithLabel(ExtraNetworkLabel + network.Name, address.ToString());
    }

    internal static EndpointIPAMConfig Ipam(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6
        ? new EndpointIPAMConfig { IPv6Address = address.ToString() }
        : new EndpointIPAMConfig { IPv4Address = address.ToString() };
}
