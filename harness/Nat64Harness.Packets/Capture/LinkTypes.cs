namespace Nat64Harness.Capture;

/// <summary>
/// The pcap/pcapng LINKTYPE_ values this library reads (tcpdump.org link-layer header types registry).
/// </summary>
public static class LinkTypes
{
    /// <summary>BSD loopback: 4-byte address family in the capturing host's byte order.</summary>
    public const int Null = 0;

    /// <summary>Ethernet II, optionally with 802.1Q / 802.1ad VLAN tags.</summary>
    public const int Ethernet = 1;

    /// <summary>Historical DLT_RAW value on most BSDs; raw IP, version from the first nibble.</summary>
    public const int RawBsd = 12;

    /// <summary>Historical DLT_RAW value on OpenBSD; raw IP, version from the first nibble.</summary>
    public const int RawOpenBsd = 14;

    /// <summary>Raw IP (LINKTYPE_RAW), version from the first nibble.</summary>
    public const int Raw = 101;

    /// <summary>OpenBSD loopback: like <see cref="Null"/> but the family is in network byte order.</summary>
    public const int Loop = 108;

    /// <summary>Linux "cooked" capture v1 (16-byte header).</summary>
    public const int LinuxSll = 113;

    /// <summary>Raw IPv4 only.</summary>
    public const int Ipv4 = 228;

    /// <summary>Raw IPv6 only.</summary>
    public const int Ipv6 = 229;

    /// <summary>Linux "cooked" capture v2 (20-byte header).</summary>
    public const int LinuxSll2 = 276;

    /// <summary>True when frames of this link type can be read.</summary>
    public static bool IsSupported(int linkType) => linkType is Null or Ethernet or RawBsd or RawOpenBsd or Raw
        or Loop or LinuxSll or Ipv4 or Ipv6 or LinuxSll2;
}
