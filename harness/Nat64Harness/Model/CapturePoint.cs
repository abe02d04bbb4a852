namespace Nat64Harness.Model;

/// <summary>
/// Where a pcap of an exchange was taken. The name ends the pcap's file name (<c>03-icmpv6-echo-v6.pcap</c>);
/// a new capture point (a DNS server's network, a VPN's TAP) is one more value, nothing positional.
/// </summary>
/// <param name="Name">Short name, used in file names and reports.</param>
public readonly record struct CapturePoint(string Name)
{
    /// <summary>The IPv6 access bridge: the router's IPv6 side (filtered to the probe's packets).</summary>
    public static CapturePoint V6Bridge { get; } = new("v6");

    /// <summary>The IPv4-only bridge: the router's IPv4 side (filtered to the echo server's packets).</summary>
    public static CapturePoint V4Bridge { get; } = new("v4");

    /// <summary>
    /// The IPv6 access bridge filtered to the DNS clients' leg: the probe (or the VPN carrying its queries) and the
    /// DNS64 resolver. It does not cross the NAT64, so it is kept apart from <see cref="V6Bridge"/>, which the oracle judges.
    /// </summary>
    public static CapturePoint Dns { get; } = new("dns");

    /// <summary>The whole underlay of a tunnel VPN, unfiltered.</summary>
    public static CapturePoint Underlay { get; } = new("underlay");

    /// <summary>What a per-app VPN wrote into its TUN, captured inside its network namespace.</summary>
    public static CapturePoint Tun { get; } = new("tun");

    /// <inheritdoc />
    public override string ToString() => Name;
}
