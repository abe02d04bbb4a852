using System.Net;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Networks;
using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Tayga;

/// <summary>
/// Builds a Tayga 0.9.2 NAT64 router: IPv6 access network on one side, IPv4-only network on the other, the
/// NAT64 prefix routed into Tayga's TUN and the dynamic pool answered by proxy ARP. Ready when Tayga holds
/// its TUN (the entry script waits for NO-CARRIER to clear).
/// </summary>
public sealed class TaygaBuilder : ContainerBuilder<TaygaBuilder, TaygaContainer, TaygaConfiguration>
{
    /// <summary>A builder for the given image (see <see cref="Images.HarnessImage.Tayga"/>).</summary>
    public TaygaBuilder(string image)
        : this(new TaygaConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private TaygaBuilder(TaygaConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override TaygaConfiguration DockerResourceConfiguration { get; }

    /// <summary>The NAT64 prefix (RFC 6052); the well-known 64:ff9b::/96 unless given.</summary>
    public TaygaBuilder WithPrefix(Nat64Prefix prefix) =>
        Merge(DockerResourceConfiguration, new TaygaConfiguration(prefix: prefix)).WithEnvironment("NAT64H_PREFIX", prefix.ToString());

    /// <summary>The router's address on the IPv6 access network (the network it is created on).</summary>
    public TaygaBuilder WithIpv6Side(INetwork network, IPAddress address) =>
        this.WithPrimaryAddress(network, address).WithEnvironment("NAT64H_V6_ADDR", address.ToString());

    /// <summary>The router's address on the IPv4-only network.</summary>
    public TaygaBuilder WithIpv4Side(INetwork network, IPAddress address) =>
        this.WithExtraAddress(network, address).WithEnvironment("NAT64H_V4_ADDR", address.ToString());

    /// <summary>The dynamic IPv4 pool, and Tayga's own address inside it.</summary>
    public TaygaBuilder WithPool(string pool4, IPAddress taygaAddress) =>
        Merge(DockerResourceConfiguration, new TaygaConfiguration(pool4: pool4))
            .WithEnvironment("NAT64H_POOL4", pool4)
            .WithEnvironment("NAT64H_TAYGA_V4", taygaAddress.ToString());

    /// <summary>An IPv6 network behind another hop (a VPN server's tunnel), for the return path.</summary>
    public TaygaBuilder WithRoute6(string network, IPAddress via) =>
        WithEnvironment("NAT64H_ROUTES6", $"{network},{via}");

    /// <inheritdoc />
    public override TaygaContainer Build()
    {
        Validate();
        return new TaygaContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override TaygaBuilder Init() =>
        base.Init()
            .WithPrefix(Nat64Prefix.WellKnown)
            .WithNetworkAdmin(
                tun: true,
                ("net.ipv4.ip_forward", "1"),
                ("net.ipv6.conf.all.forwarding", "1"),
                ("net.ipv6.conf.all.disable_ipv6", "0"),
                ("net.ipv6.conf.default.disable_ipv6", "0"),
                ("net.ipv4.conf.all.proxy_arp", "1"));

    /// <inheritdoc />
    protected override void Validate()
    {
        base.Validate();
        if (DockerResourceConfiguration.Pool4 is null)
        {
            throw new ArgumentException("Tayga needs a dynamic IPv4 pool: call WithPool", nameof(TaygaConfiguration.Pool4));
        }
    }

    /// <inheritdoc />
    protected override TaygaBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new TaygaConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override TaygaBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new TaygaConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override TaygaBuilder Merge(TaygaConfiguration oldValue, TaygaConfiguration newValue) =>
        new(new TaygaConfiguration(oldValue, newValue));
}
