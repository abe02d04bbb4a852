using System.Net;
using Nat64Harness.Model;

namespace Nat64Harness.Vpn;

/// <summary>
/// A VPN the harness can put between the probe and the NAT64 router. The harness creates the networks and
/// the router; the VPN starts its containers on them and hands back the container whose network namespace
/// the probe joins.
/// </summary>
public interface IVpnUnderTest
{
    /// <summary>Short name: container names, capture folders, reports.</summary>
    string Name { get; }

    /// <summary>Whether the topology needs the IPv4-only underlay network (tunnel VPNs do).</summary>
    bool NeedsUnderlay { get; }

    /// <summary>IPv6 networks behind the VPN that the router must route back to it, with their next hop.</summary>
    IEnumerable<(IPNetwork Network, IPAddress Via)> RouterRoutes(AddressPlan plan);

    /// <summary>Starts the VPN's containers; they must be ready when the task completes.</summary>
    Task<VpnInstance> StartAsync(VpnContext context, CancellationToken ct = default);
}
