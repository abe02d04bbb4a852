using System.Net;
using DotNet.Testcontainers.Networks;
using Nat64Harness.Images;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>What the harness gives a VPN under test: its addresses, networks, labels, images and limits.</summary>
/// <param name="Plan">The run's address plan (the VPN's addresses are in it).</param>
/// <param name="RunId">The run id, for names.</param>
/// <param name="Labels">Labels every container must carry (the reaper finds dead runs by them).</param>
/// <param name="Access">The IPv6 access network toward the NAT64 router.</param>
/// <param name="Underlay">The IPv4-only underlay, when the VPN asked for one.</param>
/// <param name="ReadyTimeout">How long each container may take to print its ready line.</param>
/// <param name="TunnelMtu">The tunnel MTU to configure, or null for the VPN's default.</param>
/// <param name="Images">Where images of ours are defined, for a VPN built from a folder under containers/.</param>
/// <param name="Log">Progress.</param>
public sealed record VpnContext(
    AddressPlan Plan,
    string RunId,
    IReadOnlyDictionary<string, string> Labels,
    INetwork Access,
    INetwork? Underlay,
    TimeSpan ReadyTimeout,
    int? TunnelMtu,
    ImageOptions Images,
    TextWriter Log)
{
    /// <summary>
    /// The DNS64 resolver the probe resolves through, or null when the run has none. A tunnel VPN routes it into
    /// the tunnel (NAT64H_DNS_V6, containers/vpn-contract.md); a per-app VPN may carry the app's queries to it.
    /// </summary>
    public IPAddress? Resolver { get; init; }
}
