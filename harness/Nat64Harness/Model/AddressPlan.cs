using System.Net;
using Nat64Harness.Addressing;

namespace Nat64Harness.Model;

/// <summary>
/// The addresses of one run, from its block index N (docs/address-plan.md). Every subnet sits in
/// 100.64.0.0/10 (RFC 6598) or 2001:db8::/32 (RFC 3849): Tayga 0.9.2 maps the well-known prefix onto
/// 100.64.0.0/10 but refuses RFC 1918 and documentation IPv4 space, and the machines the harness was measured
/// on keep their uplinks in those ranges.
/// </summary>
public sealed record AddressPlan
{
    /// <summary>A plan for block <paramref name="block"/> (0-255) and the NAT64 prefix the router translates.</summary>
    public AddressPlan(int block, Nat64Prefix prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(block, 255);
        Block = block;
        Prefix = prefix;
    }

    /// <summary>N: the third octet of every IPv4 subnet and the third group of every IPv6 one.</summary>
    public int Block { get; }

    /// <summary>The NAT64 prefix.</summary>
    public Nat64Prefix Prefix { get; }

    /// <summary>IPv4-only "internet": 100.64.N.0/24.</summary>
    public IPNetwork V4Subnet => V4(64, 0, 24);

    /// <summary>Docker allocates dynamic addresses only from .0/26, so the pool and fixed hosts never collide.</summary>
    public IPNetwork V4IpRange => V4(64, 0, 26);

    /// <summary>Docker's gateway address on the IPv4 network (never routed: the bridge has no IPv4).</summary>
    public IPAddress V4Gateway => Host4(64, 1);

    /// <summary>The NAT64 router on the IPv4 network.</summary>
    public IPAddress RouterV4 => Host4(64, 3);

    /// <summary>The IPv4-only echo server.</summary>
    public IPAddress EchoV4 => Host4(64, 10);

    /// <summary>The NAT64 dynamic pool, inside the subnet (Docker's isolation rules drop pool addresses outside it).</summary>
    public IPNetwork Pool4 => V4(64, 128, 26);

    /// <summary>Tayga's own IPv4 address, inside the pool.</summary>
    public IPAddress TaygaV4 => Host4(64, 129);

    /// <summary>IPv4 subnet Docker 20.10 insists on for the IPv6 access network; flushed inside containers.</summary>
    public IPNetwork V6AccessV4Subnet => V4(65, 0, 24);

    /// <summary>IPv6 access network.</summary>
    public IPNetwork V6Subnet => V6("", 64);

    /// <summary>The NAT64 router on the IPv6 access network.</summary>
    public IPAddress RouterV6 => Host6("", 3);

    /// <summary>Docker's gateway on the IPv6 access network: the host's bridge (Docker takes the subnet's first address when none is given).</summary>
    public IPAddress V6AccessGateway => Host6("", 1);

    /// <summary>The probe on the IPv6 access network (baseline).</summary>
    public IPAddress ProbeV6 => Host6("", 0x20);

    /// <summary>A throwaway probe that checks the path through the router before the topology is used.</summary>
    public IPAddress PathCheckV6 => Host6("", 0x21);

    /// <summary>A VPN server (or a per-app VPN) on the IPv6 access network.</summary>
    public IPAddress VpnAccessV6 => Host6("", 0x30);

    /// <summary>IPv4-only underlay of tunnel VPNs.</summary>
    public IPNetwork UnderlaySubnet => V4(66, 0, 24);

    /// <summary>The tunnel VPN server on the underlay.</summary>
    public IPAddress VpnServerUnderlay => Host4(66, 20);

    /// <summary>The tunnel VPN client on the underlay.</summary>
    public IPAddress VpnClientUnderlay => Host4(66, 30);

    /// <summary>IPv6 inside a tunnel.</summary>
    public IPNetwork TunnelV6Subnet => V6("77:", 64);

    /// <summary>The server's end of the tunnel.</summary>
    public IPAddress TunnelServerV6 => Host6("77:", 1);

    /// <summary>The client's end of the tunnel: the probe's source address behind a tunnel VPN.</summary>
    public IPAddress TunnelClientV6 => Host6("77:", 2);

    /// <summary>The IPv4-only authoritative DNS server (the test zone nat64h.test. and ipv4only.arpa.).</summary>
    public IPAddress DnsAuthV4 => Host4(64, 53);

    /// <summary>The authoritative server as the DNS64 resolver dials it: its IPv4 address inside the NAT64 prefix.</summary>
    public IPAddress DnsAuthSynthesized => Prefix.Synthesize(DnsAuthV4);

    /// <summary>The DNS64 resolver on the access network: the probe's (and a VPN's) nameserver.</summary>
    public IPAddress Dns64V6 => Host6("", 0x53);

    /// <summary>A second resolver started by a test beside the first (a DNS64 configured wrong on purpose).</summary>
    public IPAddress SpareDns64V6 => Host6("", 0x54);

    /// <summary>The PREF64 Router Advertisement sender on the access network (RFC 8781).</summary>
    public IPAddress Pref64V6 => Host6("", 0x64);

    /// <summary>A second RA sender started by a test (a wrong PREF64 on purpose).</summary>
    public IPAddress SparePref64V6 => Host6("", 0x65);

    /// <summary>The real AAAA of dual.nat64h.test. (A and AAAA): an address of the access network nothing holds.</summary>
    public IPAddress DualAaaa => Host6("", 0x10);

    /// <summary>The echo server as the probe dials it: its IPv4 address inside the NAT64 prefix.</summary>
    public IPAddress EchoSynthesized => Prefix.Synthesize(EchoV4);

    /// <summary>Every subnet the plan creates, to check against the host's routes.</summary>
    public IEnumerable<IPNetwork> Subnets => [V4Subnet, V6AccessV4Subnet, V6Subnet, UnderlaySubnet, TunnelV6Subnet];

    /// <summary>
    /// Why the NAT64 prefix cannot serve this plan, or null when it can: a prefix that overlaps one of the run's IPv6
    /// networks makes the router take its own clients' addresses for IPv4-embedded ones (measured with 2001:db8::/32,
    /// which holds every block's access network: Tayga answers Destination Unreachable, code 5).
    /// </summary>
    public string? PrefixConflict()
    {
        var prefix = new IPNetwork(Prefix.Network, Prefix.Length);
        return new[] { V6Subnet, TunnelV6Subnet }.Where(s => prefix.Overlaps(s)).Select(s => (IPNetwork?)s).FirstOrDefault() is { } subnet
            ? $"NAT64 prefix {Prefix} overlaps the run's IPv6 network {subnet}: the router would take its clients' own addresses for IPv4-embedded ones; choose a prefix outside 2001:db8:N::/64 and 2001:db8:N:77::/64 (for a /32, 3fff:64::/32 in the RFC 9637 documentation space)"
            : null;
    }

    /// <summary>The subnets of the Docker network playing <paramref name="role"/>: IPv4 (Docker 20.10 wants one everywhere), its dynamic range, IPv6 when it has one.</summary>
    public (IPNetwork Ipv4, IPNetwork? Ipv4Range, IPNetwork? Ipv6) SubnetsOf(NetworkRole role) =>
        role == NetworkRole.V6Access ? (V6AccessV4Subnet, null, V6Subnet)
        : role == NetworkRole.V4 ? (V4Subnet, V4IpRange, null)
        : role == NetworkRole.Underlay ? (UnderlaySubnet, null, null)
        : throw new ArgumentOutOfRangeException(nameof(role), role, "no subnet planned for this network role");

    /// <summary>Docker network name of a network of this run.</summary>
    public string NetworkName(NetworkRole role) => $"nat64h-{Block}-{role.Suffix}";

    /// <summary>Linux bridge name of a network of this run (at most 15 characters), so captures find it.</summary>
    public string BridgeName(NetworkRole role) => $"n64h{Block}-{role.Suffix}";

    private IPNetwork V4(int second, int last, int length) => new(Host4(second, last), length);

    private IPAddress Host4(int second, int last) => new([100, (byte)second, (byte)Block, (byte)last]);

    // 2001:db8:N:<subnet>:: — the block is written in hex, as an IPv6 group.
    private IPNetwork V6(string subnet, int length) => new(IPAddress.Parse($"2001:db8:{Block:x}:{subnet}:"), length);

    private IPAddress Host6(string subnet, int host) => IPAddress.Parse($"2001:db8:{Block:x}:{subnet}:{host:x}");
}
