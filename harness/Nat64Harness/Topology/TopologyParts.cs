using System.Net;
using Nat64Harness.Containers.Echo;
using Nat64Harness.Containers.Nat64Router;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Vpn;

namespace Nat64Harness.Topology;

/// <summary>The started containers of a topology and what follows from them.</summary>
internal sealed record TopologyParts(
    Nat64RouterContainer Router,
    EchoServerContainer Echo,
    ProbeContainer Probe,
    VpnInstance? Vpn,
    IPAddress ProbeSource,
    IPAddress? FirstHop)
{
    /// <summary>The DNS containers, when the run has them.</summary>
    public DnsParts? Dns { get; init; }

    /// <summary>Builds containers of this run (spare resolvers and RA senders of negative tests).</summary>
    public ContainerFactory? Factory { get; init; }
}
