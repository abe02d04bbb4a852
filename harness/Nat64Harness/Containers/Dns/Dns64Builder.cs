using System.Globalization;
using System.Net;
using DotNet.Testcontainers.Networks;
using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Dns;

/// <summary>
/// Builds the DNS64 resolver (containers/dns64, unbound with its dns64 module): IPv6 only, on the access network; it
/// reaches the IPv4-only authoritative server at that server's address inside the NAT64 prefix, so every query it
/// sends crosses the router. Names outside the test zones are refused without a packet leaving it.
/// </summary>
public sealed class Dns64Builder : HarnessContainerBuilder<Dns64Builder, Dns64Container, HarnessContainerConfiguration>
{
    /// <summary>A builder for the given image (see <see cref="Images.HarnessImage.Dns64"/>).</summary>
    public Dns64Builder(string image)
        : this(new HarnessContainerConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private Dns64Builder(HarnessContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override HarnessContainerConfiguration DockerResourceConfiguration { get; }

    /// <summary>Its address on the access network (UDP and TCP port 53).</summary>
    public Dns64Builder WithAddress(INetwork network, IPAddress address) =>
        WithPrimaryAddress(network, address).WithEnvironment("NAT64H_V6_ADDR", address.ToString());

    /// <summary>The network's NAT64 prefix, routed via the router, and the authoritative server as dialled through it.</summary>
    public Dns64Builder WithUpstream(Nat64Prefix prefix, IPAddress router, IPAddress authoritativeSynthesized) =>
        WithEnvironment("NAT64H_PREFIX", prefix.ToString())
            .WithEnvironment("NAT64H_ROUTER_V6", router.ToString())
            .WithEnvironment("NAT64H_AUTH_V6", authoritativeSynthesized.ToString());

    /// <summary>The networks allowed to query; every other source is refused.</summary>
    public Dns64Builder WithClients(params IEnumerable<IPNetwork> clients) =>
        WithEnvironment("NAT64H_DNS_CLIENTS", string.Join(' ', clients));

    /// <summary>Clients behind other hops (a tunnel VPN's inner network via its server): routes back to them.</summary>
    public Dns64Builder WithRoutes6(IEnumerable<(IPNetwork Network, IPAddress Via)> routes) =>
        WithEnvironment("NAT64H_ROUTES6", string.Join(' ', routes.Select(r => $"{r.Network},{r.Via}")));

    /// <summary>Its configuration beyond the network's: the synthesis prefix, excluded AAAAs, synthesis of every name, TCP upstream.</summary>
    public Dns64Builder WithSettings(Dns64Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var b = WithEnvironment("NAT64H_DNS64_IGNORE_AAAA", settings.IgnoreAaaa.Count == 0 ? "none" : string.Join(' ', settings.IgnoreAaaa))
            .WithEnvironment("NAT64H_DNS64_SYNTHALL", settings.SynthesizeAll ? "1" : "0")
            .WithEnvironment("NAT64H_UPSTREAM_TCP", settings.UpstreamTcp ? "1" : "0");
        if (settings.SynthesisPrefix is { } prefix)
        {
            b = b.WithEnvironment("NAT64H_DNS64_PREFIX", prefix.ToString());
        }

        return b;
    }

    /// <summary>Seconds its readiness may take (its first synthesised answer needs the router up).</summary>
    public Dns64Builder WithReadyTimeout(TimeSpan timeout) =>
        WithEnvironment("NAT64H_READY_TIMEOUT", ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override Dns64Container Build()
    {
        Validate();
        return new Dns64Container(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override Dns64Builder Init() =>
        base.Init().WithNetworkAdmin(tun: false, ("net.ipv6.conf.all.disable_ipv6", "0"), ("net.ipv6.conf.default.disable_ipv6", "0"));

    /// <inheritdoc />
    protected override HarnessContainerConfiguration Wrap(HarnessContainerConfiguration common) => common;

    /// <inheritdoc />
    protected override Dns64Builder Merge(HarnessContainerConfiguration oldValue, HarnessContainerConfiguration newValue) =>
        new(new HarnessContainerConfiguration(oldValue, newValue));
}
