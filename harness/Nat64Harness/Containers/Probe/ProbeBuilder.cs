using System.Net;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Probe;

/// <summary>
/// Builds the probe: an IPv6-only client on the access network (baseline), or a guest in a VPN client's
/// network namespace (the VPN owns the routes, its image needs nothing of ours). It idles until the harness
/// runs exchanges in it.
/// </summary>
public sealed class ProbeBuilder : HarnessContainerBuilder<ProbeBuilder, ProbeContainer, HarnessContainerConfiguration>
{
    /// <summary>A builder for the given image (see <see cref="Images.HarnessImage.Probe"/>).</summary>
    public ProbeBuilder(string image)
        : this(new HarnessContainerConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private ProbeBuilder(HarnessContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override HarnessContainerConfiguration DockerResourceConfiguration { get; }

    /// <summary>IPv6-only on the access network, routing the NAT64 prefix to the router.</summary>
    public ProbeBuilder WithAccess(INetwork network, IPAddress address, IPAddress router, Nat64Prefix prefix) =>
        WithPrimaryAddress(network, address)
            .WithEnvironment("NAT64H_V6_ADDR", address.ToString())
            .WithEnvironment("NAT64H_ROUTER_V6", router.ToString())
            .WithEnvironment("NAT64H_PREFIX", prefix.ToString())
            .WithNetworkAdmin(tun: false, ("net.ipv6.conf.all.disable_ipv6", "0"), ("net.ipv6.conf.default.disable_ipv6", "0"));

    /// <summary>Joins another container's network namespace; touches none of its routes (tcpdump there needs NET_RAW, which Docker grants by default).</summary>
    public ProbeBuilder WithNamespaceOf(IContainer host) =>
        WithEnvironment("NAT64H_SHARED_NAMESPACE", "1")
            .WithCreateParameterModifier(p => (p.HostConfig ??= new HostConfig()).NetworkMode = $"container:{host.Id}");

    /// <summary>
    /// An app with no network of its own (<c>--network none</c>): a per-app VPN of kind per-app-netns puts its device
    /// into this namespace. IPv6 stays on for devices created later, and router advertisements are ignored, so the
    /// app routes exactly what the VPN installs (containers/perapp-contract.md, "per-app-netns").
    /// </summary>
    public ProbeBuilder WithoutNetwork() =>
        WithEnvironment("NAT64H_SHARED_NAMESPACE", "1")
            .WithCreateParameterModifier(p =>
            {
                p.HostConfig ??= new HostConfig();
                p.HostConfig.NetworkMode = "none";
                p.HostConfig.Sysctls ??= new Dictionary<string, string>();
                p.HostConfig.Sysctls["net.ipv6.conf.default.disable_ipv6"] = "0";
                p.HostConfig.Sysctls["net.ipv6.conf.default.accept_ra"] = "0";
            });

    /// <summary>
    /// The nameserver the probe's namespace resolves through (written to its resolv.conf with a 1 s timeout and one
    /// attempt). In a VPN client's namespace the file is the client's own: it sets the resolver of the namespace.
    /// </summary>
    public ProbeBuilder WithResolver(IPAddress resolver) => WithEnvironment("NAT64H_DNS_V6", resolver.ToString());

    /// <inheritdoc />
    public override ProbeContainer Build()
    {
        Validate();
        return new ProbeContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override HarnessContainerConfiguration Wrap(HarnessContainerConfiguration common) => common;

    /// <inheritdoc />
    protected override ProbeBuilder Merge(HarnessContainerConfiguration oldValue, HarnessContainerConfiguration newValue) =>
        new(new HarnessContainerConfiguration(oldValue, newValue));
}
