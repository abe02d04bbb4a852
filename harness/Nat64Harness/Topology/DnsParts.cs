using System.Net;
using Nat64Harness.Containers.Dns;

namespace Nat64Harness.Topology;

/// <summary>The DNS containers of a started topology, and what a test needs to start spare ones beside them.</summary>
/// <param name="Auth">The IPv4-only authoritative server.</param>
/// <param name="Resolver">The DNS64 resolver the probe resolves through.</param>
/// <param name="Pref64">The PREF64 RA sender, or null when the options left it out.</param>
/// <param name="Dns64Image">The resolver's image tag.</param>
/// <param name="Pref64Image">The RA sender's image tag.</param>
/// <param name="ResolverRoutes">The routes back to clients behind other hops (a tunnel VPN's inner network).</param>
internal sealed record DnsParts(
    DnsAuthContainer Auth,
    Dns64Container Resolver,
    Pref64Container? Pref64,
    string Dns64Image,
    string Pref64Image,
    IReadOnlyList<(IPNetwork Network, IPAddress Via)> ResolverRoutes);
