using System.Net;
using DotNet.Testcontainers.Containers;
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

    /// <summary>A probe of its own on the access network at <paramref name="address"/> (the baseline's, or a throwaway one).</summary>
    public ProbeContainer Probe(string image, string role, IPAddress address) =>
        ProbeBuilder(image, role).WithAccess(Networks.Access, address, Plan.RouterV6, Plan.Prefix).Build();

    /// <summary>A probe inside the VPN client's network namespace.</summary>
    public ProbeContainer ProbeIn(string image, IContainer vpnClient) =>
        ProbeBuilder(image, "probe").WithNamespaceOf(vpnClient).Build();

    private string Name(string role) => $"nat64h-{Plan.Block}-{role}";

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
