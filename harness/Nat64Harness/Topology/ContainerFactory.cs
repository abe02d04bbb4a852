using System.Net;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Addressing;
using Nat64Harness.Containers.Dns;
using Nat64Harness.Containers.Echo;
using Nat64Harness.Containers.Jool;
using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Containers.Tayga;
using Nat64Harness.Model;
using Nat64Harness.Networks;

namespace Nat64Harness.Topology;

/// <summary>
/// Builds each container role of a topology from the run's plan, labels and networks, one method per role:
/// a new role (a DNS server on the IPv4 network, say) is one more method here and one call in the assembly.
/// </summary>
/// <param name="Plan">The run's addresses.</param>
/// <param name="Labels">The run's labels.</param>
/// <param name="ReadyTimeout">How long each container may take to get ready.</param>
/// <param name="Networks">The run's networks.</param>
internal sealed record ContainerFactory(AddressPlan Plan, IReadOnlyDictionary<string, string> Labels, TimeSpan ReadyTimeout, NetworkSet Networks)
{
    /// <summary>The NAT64 router of <paramref name="kind"/> between the access and IPv4 networks, routing <paramref name="routes"/> back.</summary>
    public Nat64RouterContainer Router(RouterKind kind, string image, IEnumerable<(IPNetwork Network, IPAddress Via)> routes) => kind switch
    {
        RouterKind.Tayga => Router(new TaygaBuilder(image), kind, routes),
        RouterKind.Jool => Router(new JoolBuilder(image), kind, routes),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no builder for this router"),
    };

    /// <summary>The IPv4-only echo server, routing the NAT64 pool back through the router.</summary>
    public EchoServerContainer Echo(string image) =>
        new EchoServerBuilder(image)
            .WithName(Name("echo"))
            .WithHarnessDefaults(Labels, ReadyTimeout)
            .WithAddress(Networks.V4, Plan.EchoV4)
            .WithPoolRoute(Plan.Pool4, Plan.RouterV4)
            .Build();

    /// <summary>A probe of its own on the access network at <paramref name="address"/> (the baseline's, or a throwaway one), resolving through <paramref name="resolver"/> when given.</summary>
    public ProbeContainer Probe(string image, string role, IPAddress address, IPAddress? resolver = null) =>
        WithResolver(ProbeBuilder(image, role).WithAccess(Networks.Access, address, Plan.RouterV6, Plan.Prefix), resolver).Build();

    /// <summary>A probe inside the VPN client's network namespace, resolving through <paramref name="resolver"/> when given.</summary>
    public ProbeContainer ProbeIn(string image, IContainer vpnClient, IPAddress? resolver = null) =>
        WithResolver(ProbeBuilder(image, "probe").WithNamespaceOf(vpnClient), resolver).Build();

    /// <summary>The IPv4-only authoritative DNS server, routing the NAT64 pool back through the router.</summary>
    public DnsAuthContainer DnsAuth(string image) =>
        new DnsAuthBuilder(image)
            .WithName(Name("dns-auth"))
            .WithHarnessDefaults(Labels, ReadyTimeout)
            .WithAddress(Networks.V4, Plan.DnsAuthV4)
            .WithZone(Plan.EchoV4, Plan.DualAaaa)
            .WithPoolRoute(Plan.Pool4, Plan.RouterV4)
            .Build();

    /// <summary>
    /// A DNS64 resolver at <paramref name="address"/> serving the access network and the networks behind
    /// <paramref name="routes"/> (a tunnel VPN's inner network), reaching the authoritative server through the router.
    /// </summary>
    public Dns64Container Dns64(string image, string role, IPAddress address, Dns64Settings settings, IEnumerable<(IPNetwork Network, IPAddress Via)> routes) =>
        new Dns64Builder(image)
            .WithName(Name(role))
            .WithHarnessDefaults(Labels, ReadyTimeout)
            .WithReadyTimeout(ReadyTimeout)
            .WithAddress(Networks.Access, address)
            .WithUpstream(Plan.Prefix, Plan.RouterV6, Plan.DnsAuthSynthesized)
            .WithClients(Plan.V6Subnet, Plan.TunnelV6Subnet)
            .WithRoutes6(routes)
            .WithSettings(settings)
            .Build();

    /// <summary>A PREF64 Router Advertisement sender at <paramref name="address"/>, advertising <paramref name="prefix"/>.</summary>
    public Pref64Container Pref64(string image, string role, IPAddress address, Nat64Prefix prefix) =>
        new Pref64Builder(image)
            .WithName(Name(role))
            .WithHarnessDefaults(Labels, ReadyTimeout)
            .WithAddress(Networks.Access, address)
            .WithPrefix(prefix)
            .Build();

    private string Name(string role) => $"nat64h-{Plan.Block}-{role}";

    private static ProbeBuilder WithResolver(ProbeBuilder builder, IPAddress? resolver) =>
        resolver is null ? builder : builder.WithResolver(resolver);

    private ProbeBuilder ProbeBuilder(string image, string role) =>
        new ProbeBuilder(image).WithName(Name(role)).WithHarnessDefaults(Labels, ReadyTimeout);

    // The one builder chain of every router: Tayga and Jool share the contract, so only the builder differs.
    private TContainer Router<TBuilder, TContainer>(Nat64RouterBuilder<TBuilder, TContainer> builder, RouterKind kind, IEnumerable<(IPNetwork, IPAddress)> routes)
        where TBuilder : Nat64RouterBuilder<TBuilder, TContainer>
        where TContainer : Nat64RouterContainer =>
        builder
            .WithName(Name(kind.ToString().ToLowerInvariant()))
            .WithHarnessDefaults(Labels, ReadyTimeout)
            .WithPrefix(Plan.Prefix)
            .WithIpv6Side(Networks.Access, Plan.RouterV6)
            .WithIpv4Side(Networks.V4, Plan.RouterV4)
            .WithPool(Plan.Pool4, Plan.TaygaV4)
            .WithRoutes6(routes)
            .Build();
}
