using System.Net;
using Nat64Harness.Addressing;

namespace Nat64Harness.Topology;

/// <summary>
/// The addresses of one run, from its block index N (shared/DESIGN.md, address plan). Every subnet sits in
/// 100.64.0.0/10 (RFC 6598) or 2001:db8::/32 (RFC 3849): Tayga 0.9.2 maps the well-known prefix onto
/// 100.64.0.0/10 but refuses RFC 1918 and documentation IPv4 space, and those ranges carry this host's uplink.
/// </summary>
public sealed record AddressPlan(int Block, Nat64Prefix Prefix)
{
    /// <summary>IPv4-only "internet": 100.64.N.0/24.</summary>
    public string V4Subnet => $"100.64.{Block}.0/24";

    /// <summary>Docker allocates dynamic addresses only from .0/26, so the pool and fixed hosts never collide.</summary>
    public string V4IpRange => $"100.64.{Block}.0/26";

    /// <summary>Docker's gateway address on the IPv4 network (never routed: the bridge has no IPv4).</summary>
    public IPAddress V4Gateway => IPAddress.Parse($"100.64.{Block}.1");

    /// <summary>The NAT64 router on the IPv4 network.</summary>
    public IPAddress RouterV4 => IPAddress.Parse($"100.64.{Block}.3");

    /// <summary>The IPv4-only echo server.</summary>
    public IPAddress EchoV4 => IPAddress.Parse($"100.64.{Block}.10");

    /// <summary>The NAT64 dynamic pool, inside the subnet (Docker's isolation rules drop pool addresses outside it).</summary>
    public string Pool4 => $"100.64.{Block}.128/26";

    /// <summary>Tayga's own IPv4 address, inside the pool.</summary>
    public IPAddress TaygaV4 => IPAddress.Parse($"100.64.{Block}.129");

    /// <summary>IPv4 subnet Docker 20.10 insists on for the IPv6 access network; flushed inside containers.</summary>
    public string V6AccessV4Subnet => $"100.65.{Block}.0/24";

    /// <summary>IPv6 access network.</summary>
    public string V6Subnet => $"2001:db8:{Block:x}::/64";

    /// <summary>The NAT64 router on the IPv6 access network.</summary>
    public IPAddress RouterV6 => IPAddress.Parse($"2001:db8:{Block:x}::3");

    /// <summary>The probe on the IPv6 access network (baseline).</summary>
    public IPAddress ProbeV6 => IPAddress.Parse($"2001:db8:{Block:x}::20");

    /// <summary>A throwaway probe that checks the path through the router before the topology is used.</summary>
    public IPAddress PathCheckV6 => IPAddress.Parse($"2001:db8:{Block:x}::21");

    /// <summary>A VPN server (or a per-app VPN) on the IPv6 access network.</summary>
    public IPAddress VpnAccessV6 => IPAddress.Parse($"2001:db8:{Block:x}::30");

    /// <summary>IPv4-only underlay of tunnel VPNs.</summary>
    public string UnderlaySubnet => $"100.66.{Block}.0/24";

    /// <summary>The tunnel VPN server on the underlay.</summary>
    public IPAddress VpnServerUnderlay => IPAddress.Parse($"100.66.{Block}.20");

    /// <summary>The tunnel VPN client on the underlay.</summary>
    public IPAddress VpnClientUnderlay => IPAddress.Parse($"100.66.{Block}.30");

    /// <summary>The server's end of the tunnel.</summary>
    public IPAddress TunnelServerV6 => IPAddress.Parse($"2001:db8:{Block:x}:77::1");

    /// <summary>The client's end of the tunnel: the probe's source address behind a tunnel VPN.</summary>
    public IPAddress TunnelClientV6 => IPAddress.Parse($"2001:db8:{Block:x}:77::2");

    /// <summary>IPv6 inside a tunnel.</summary>
    public string TunnelV6Subnet => $"2001:db8:{Block:x}:77::/64";

    /// <summary>The echo server as the probe dials it: its IPv4 address inside the NAT64 prefix.</summary>
    public IPAddress EchoSynthesized => Prefix.Synthesize(EchoV4);

    /// <summary>Every subnet the plan creates, to check against the host's routes.</summary>
    public IEnumerable<string> Subnets => [V4Subnet, V6AccessV4Subnet, V6Subnet, UnderlaySubnet, TunnelV6Subnet];

    /// <summary>Linux bridge name for a network of this run (at most 15 characters), so captures find it.</summary>
    public string BridgeName(string role) => $"n64h{Block}-{role}";
}
