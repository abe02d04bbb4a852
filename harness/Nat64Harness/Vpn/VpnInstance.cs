using System.Net;
using DotNet.Testcontainers.Containers;

namespace Nat64Harness.Vpn;

/// <summary>A started VPN under test.</summary>
/// <param name="Containers">Every container it started (the topology removes them).</param>
/// <param name="Client">The container whose network namespace the probe joins.</param>
/// <param name="ProbeSource">The probe's source address as the NAT64 router sees it.</param>
/// <param name="FirstHop">The hop that answers a hop limit of 1 with Time Exceeded.</param>
/// <param name="TunnelMtu">The MTU of the tunnel the probe's packets enter, or null when there is none.</param>
public sealed record VpnInstance(IReadOnlyList<IContainer> Containers, IContainer Client, IPAddress ProbeSource, IPAddress FirstHop, int? TunnelMtu);
