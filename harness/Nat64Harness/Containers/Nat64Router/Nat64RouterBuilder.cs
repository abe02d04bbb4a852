using System.Net;
using DotNet.Testcontainers.Networks;
using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Nat64Router;

/// <summary>
/// What every NAT64 router builder offers, since Tayga and Jool share one container contract (prefix, pool,
/// addresses on the IPv6 and IPv4 networks, routes to networks behind other hops): a topology, a test or
/// the CLI switches router by switching builder.
/// </summary>
/// <typeparam name="TBuilder">The concrete builder.</typeparam>
/// <typeparam name="TContainer">The container it builds.</typeparam>
public abstract class Nat64RouterBuilder<TBuilder, TContainer> : HarnessContainerBuilder<TBuilder, TContainer, Nat64RouterConfiguration>
    where TBuilder : Nat64RouterBuilder<TBuilder, TContainer>
    where TContainer : Nat64RouterContainer
{
    /// <summary>Wraps a configuration.</summary>
    protected Nat64RouterBuilder(Nat64RouterConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>The NAT64 prefix (RFC 6052); the well-known 64:ff9b::/96 unless given.</summary>
    public TBuilder WithPrefix(Nat64Prefix prefix) =>
        Merge(DockerResourceConfiguration, new Nat64RouterConfiguration(prefix: prefix)).WithEnvironment("NAT64H_PREFIX", prefix.ToString());

    /// <summary>The router's address on the IPv6 access network (the network it is created on).</summary>
    public TBuilder WithIpv6Side(INetwork network, IPAddress address) =>
        WithPrimaryAddress(network, address).WithEnvironment("NAT64H_V6_ADDR", address.ToString());

    /// <summary>The router's address on the IPv4-only network.</summary>
    public TBuilder WithIpv4Side(INetwork network, IPAddress address) =>
        WithExtraAddress(network, address).WithEnvironment("NAT64H_V4_ADDR", address.ToString());

    /// <summary>The IPv4 pool, and Tayga's own address inside it (Jool takes it and ignores it).</summary>
    public TBuilder WithPool(IPNetwork pool4, IPAddress taygaAddress) =>
        Merge(DockerResourceConfiguration, new Nat64RouterConfiguration(pool4: pool4))
            .WithEnvironment("NAT64H_POOL4", pool4.ToString())
            .WithEnvironment("NAT64H_TAYGA_V4", taygaAddress.ToString());

    /// <summary>IPv6 networks behind other hops (a VPN server's tunnel), for the return path.</summary>
    public TBuilder WithRoutes6(IEnumerable<(IPNetwork Network, IPAddress Via)> routes)
    {
        var list = routes.ToList();
        return list.Count > 0 ? WithEnvironment("NAT64H_ROUTES6", string.Join(' ', list.Select(r => $"{r.Network},{r.Via}"))) : (TBuilder)this;
    }

    /// <inheritdoc />
    protected override TBuilder Init() =>
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
            throw new ArgumentException("a NAT64 router needs an IPv4 pool: call WithPool", nameof(Nat64RouterConfiguration.Pool4));
        }
    }

    /// <inheritdoc />
    protected override Nat64RouterConfiguration Wrap(HarnessContainerConfiguration common) => new(common);
}
