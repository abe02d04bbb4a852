using System.Globalization;
using System.Net;
using DotNet.Testcontainers.Networks;

namespace Nat64Harness.Containers.Echo;

/// <summary>
/// Builds the IPv4-only echo server: TCP and UDP echo on one port, ICMP echo answered by its kernel, IPv6
/// disabled in its namespace so the only way an IPv6 client reaches it is through the NAT64 router.
/// </summary>
public sealed class EchoServerBuilder : HarnessContainerBuilder<EchoServerBuilder, EchoServerContainer, HarnessContainerConfiguration>
{
    /// <summary>The TCP and UDP echo port.</summary>
    public const int Port = 7;

    /// <summary>A builder for the given image (see <see cref="Images.HarnessImage.Echo"/>).</summary>
    public EchoServerBuilder(string image)
        : this(new HarnessContainerConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private EchoServerBuilder(HarnessContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override HarnessContainerConfiguration DockerResourceConfiguration { get; }

    /// <summary>Its network and fixed IPv4 address.</summary>
    public EchoServerBuilder WithAddress(INetwork network, IPAddress address) =>
        WithPrimaryAddress(network, address).WithEnvironment("NAT64H_V4_ADDR", address.ToString());

    /// <summary>Routes the NAT64 pool via the router (its gateway toward the IPv6 world).</summary>
    public EchoServerBuilder WithPoolRoute(IPNetwork pool4, IPAddress router) =>
        WithEnvironment("NAT64H_POOL4", pool4.ToString()).WithEnvironment("NAT64H_POOL4_VIA", router.ToString());

    /// <inheritdoc />
    public override EchoServerContainer Build()
    {
        Validate();
        return new EchoServerContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override EchoServerBuilder Init() =>
        base.Init()
            .WithEnvironment("NAT64H_ECHO_PORT", Port.ToString(CultureInfo.InvariantCulture))
            .WithNetworkAdmin(tun: false, ("net.ipv6.conf.all.disable_ipv6", "1"), ("net.ipv6.conf.default.disable_ipv6", "1"));

    /// <inheritdoc />
    protected override HarnessContainerConfiguration Wrap(HarnessContainerConfiguration common) => common;

    /// <inheritdoc />
    protected override EchoServerBuilder Merge(HarnessContainerConfiguration oldValue, HarnessContainerConfiguration newValue) =>
        new(new HarnessContainerConfiguration(oldValue, newValue));
}
