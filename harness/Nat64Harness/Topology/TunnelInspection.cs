using Nat64Harness.Containers.Probe;
using Nat64Harness.Model;
using Nat64Harness.Vpn;

namespace Nat64Harness.Topology;

/// <summary>
/// Checks of a tunnel VPN in a started topology (containers/vpn-contract.md): what it steers into the tunnel, its
/// declared MTU against its kernels, and what the tunnel really carries.
/// </summary>
public static class TunnelInspection
{
    /// <summary>The client's rules, tunnel routes and route lookups, judged; read in the client's namespace through the probe.</summary>
    /// <exception cref="InvalidOperationException">The topology has no tunnel VPN.</exception>
    public static Task<TunnelRoutingReport> ReadTunnelRoutingAsync(this Nat64Topology topology, CancellationToken ct = default)
    {
        Tunnel(topology);
        return TunnelRouteCheck.ReadAsync(topology.Probe, topology.Plan, ct);
    }

    /// <summary>Both ends' declarations and read-backs, now (the start checked them once; something may have changed the devices since).</summary>
    /// <exception cref="InvalidOperationException">The topology has no tunnel VPN.</exception>
    public static Task<TunnelMtuReport> CheckTunnelMtuAsync(this Nat64Topology topology, CancellationToken ct = default)
    {
        var vpn = Tunnel(topology);
        return TunnelMtuCheck.CheckAsync(vpn.Server!, vpn.Client, topology.Plan, ct);
    }

    /// <summary>
    /// A DF size sweep from the probe toward the echo server's synthesised address, from 1280 bytes up to the tunnel's
    /// MTU (<see cref="VpnInstance.TunnelMtu"/>): ICMPv6 echoes (<paramref name="mode"/> icmp) or UDP datagrams (udp).
    /// </summary>
    /// <exception cref="InvalidOperationException">The topology has no tunnel VPN, or the probe printed no sweep.</exception>
    public static Task<MtuSweep> SweepTunnelMtuAsync(this Nat64Topology topology, string mode = "icmp", CancellationToken ct = default)
    {
        var vpn = Tunnel(topology);
        return topology.Probe.SweepMtuAsync(topology.Plan.EchoSynthesized, mode, vpn.TunnelMtu!.Value, TimeSpan.FromSeconds(1), tries: 3, ct);
    }

    private static VpnInstance Tunnel(Nat64Topology topology) =>
        topology.Vpn is { Server: not null, TunnelMtu: not null } vpn ? vpn
        : throw new InvalidOperationException($"run {topology.RunId} has no tunnel VPN (a server and a tunnel MTU)");
}
