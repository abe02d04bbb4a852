using System.Net;
using DotNet.Testcontainers.Containers;
using Nat64Harness.Containers;
using Nat64Harness.Containers.Probe;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>A started VPN under test.</summary>
/// <param name="Containers">Every container it started, in start order (the topology removes them in reverse).</param>
/// <param name="Client">The container whose network namespace the probe joins.</param>
/// <param name="ProbeSource">The probe's source address as the NAT64 router sees it.</param>
/// <param name="FirstHop">The hop that answers a hop limit of 1 with Time Exceeded; null when the VPN terminates the app's packets (a userspace proxy), so no hop limit crosses it.</param>
/// <param name="TunnelMtu">
/// The MTU of the tunnel the probe's packets enter, or null when there is none. A tunnel VPN's is what both ends
/// declare and their kernels confirm (<paramref name="Mtu"/>), not what the harness asked for.
/// </param>
/// <param name="ProbeUid">The uid the probe must run as for its traffic to enter the VPN (a per-app VPN), or null.</param>
/// <param name="TunDevice">The TUN device in the client's namespace to capture in-namespace, or null.</param>
/// <param name="Server">A tunnel VPN's server, or null.</param>
/// <param name="Mtu">A tunnel VPN's declared and read-back MTU at start, or null.</param>
public sealed record VpnInstance(
    IReadOnlyList<IContainer> Containers,
    IContainer Client,
    IPAddress ProbeSource,
    IPAddress? FirstHop,
    int? TunnelMtu,
    int? ProbeUid = null,
    string? TunDevice = null,
    IContainer? Server = null,
    TunnelMtuReport? Mtu = null)
{
    /// <summary>What a per-app VPN said on its ready line (device, link type, MTU, the app's addresses), or null.</summary>
    public ReadyFacts? Facts { get; init; }

    /// <summary>
    /// The app container, already running, when the VPN kind makes one (per-app-netns): the probe runs there, and
    /// the topology starts no other probe.
    /// </summary>
    public ProbeContainer? App { get; init; }

    /// <summary>
    /// Whether the probe's namespace is on the access network itself, where the router's Router Advertisements (and
    /// their PREF64 option, RFC 8781) arrive. Only a per-app VPN in uid mode puts it there; a tunnel VPN's client sits
    /// on the IPv4-only underlay, and a per-app-netns VPN gives the app a link of its own, so neither hears them.
    /// </summary>
    public bool ProbeOnAccessLink { get; init; }

    /// <summary>The container whose namespace holds a per-app VPN's own sockets: where its sessions are counted.</summary>
    public HarnessContainer? Stack { get; init; }

    /// <summary>
    /// The app's own addresses behind a per-app VPN. They must never appear on the access network: every packet there
    /// comes from the VPN's access address (containers/perapp-contract.md, rule 3).
    /// </summary>
    public IReadOnlyList<IPAddress> AppAddresses { get; init; } = [];
}
