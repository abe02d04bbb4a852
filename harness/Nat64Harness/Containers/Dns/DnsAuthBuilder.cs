using System.Net;
using DotNet.Testcontainers.Networks;

namespace Nat64Harness.Containers.Dns;

/// <summary>
/// Builds the IPv4-only authoritative DNS server (containers/dns-auth, NSD): the test zone nat64h.test. and
/// ipv4only.arpa. (RFC 7050 §2.2), written at start from the addresses given. IPv6 is disabled in its namespace,
/// so the DNS64 resolver reaches it only through the NAT64 router.
/// </summary>
public sealed class DnsAuthBuilder : HarnessContainerBuilder<DnsAuthBuilder, DnsAuthContainer, HarnessContainerConfiguration>
{
    /// <summary>A builder for the given image (see <see cref="Images.HarnessImage.DnsAuth"/>).</summary>
    public DnsAuthBuilder(string image)
        : this(new HarnessContainerConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private DnsAuthBuilder(HarnessContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override HarnessContainerConfiguration DockerResourceConfiguration { get; }

    /// <summary>Its network and fixed IPv4 address (UDP and TCP port 53).</summary>
    public DnsAuthBuilder WithAddress(INetwork network, IPAddress address) =>
        WithPrimaryAddress(network, address).WithEnvironment("NAT64H_V4_ADDR", address.ToString());

    /// <summary>The zone's data: the echo server's IPv4 (A of echo., dual., mapped.) and the real AAAA of dual.</summary>
    public DnsAuthBuilder WithZone(IPAddress echoV4, IPAddress dualAaaa) =>
        WithEnvironment("NAT64H_ECHO_V4", echoV4.ToString()).WithEnvironment("NAT64H_DUAL_AAAA", dualAaaa.ToString());

    /// <summary>Routes the NAT64 pool via the router: the resolver's queries arrive from pool addresses.</summary>
    public DnsAuthBuilder WithPoolRoute(IPNetwork pool4, IPAddress router) =>
        WithEnvironment("NAT64H_POOL4", pool4.ToString()).WithEnvironment("NAT64H_POOL4_VIA", router.ToString());

    /// <inheritdoc />
    public override DnsAuthContainer Build()
    {
        Validate();
        return new DnsAuthContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override DnsAuthBuilder Init() =>
        base.Init().WithNetworkAdmin(tun: false, ("net.ipv6.conf.all.disable_ipv6", "1"), ("net.ipv6.conf.default.disable_ipv6", "1"));

    /// <inheritdoc />
    protected override HarnessContainerConfiguration Wrap(HarnessContainerConfiguration common) => common;

    /// <inheritdoc />
    protected override DnsAuthBuilder Merge(HarnessContainerConfiguration oldValue, HarnessContainerConfiguration newValue) =>
        new(new HarnessContainerConfiguration(oldValue, newValue));
}
