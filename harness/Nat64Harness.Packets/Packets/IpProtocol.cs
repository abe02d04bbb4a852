namespace Nat64Harness.Packets;

/// <summary>IANA protocol / next-header numbers the oracle needs.</summary>
public static class IpProtocol
{
    /// <summary>IPv6 Hop-by-Hop Options header.</summary>
    public const byte HopByHop = 0;

    /// <summary>ICMP for IPv4.</summary>
    public const byte Icmp = 1;

    /// <summary>IGMP.</summary>
    public const byte Igmp = 2;

    /// <summary>TCP.</summary>
    public const byte Tcp = 6;

    /// <summary>UDP.</summary>
    public const byte Udp = 17;

    /// <summary>IPv6 Routing header.</summary>
    public const byte Routing = 43;

    /// <summary>IPv6 Fragment header.</summary>
    public const byte Fragment = 44;

    /// <summary>Authentication Header (length in 4-octet units).</summary>
    public const byte AuthenticationHeader = 51;

    /// <summary>ICMP for IPv6.</summary>
    public const byte IcmpV6 = 58;

    /// <summary>IPv6 No Next Header.</summary>
    public const byte NoNextHeader = 59;

    /// <summary>IPv6 Destination Options header.</summary>
    public const byte DestinationOptions = 60;

    /// <summary>Mobility header.</summary>
    public const byte Mobility = 135;

    /// <summary>True for IPv6 extension headers that the walker steps over (everything but Fragment, which it reports).</summary>
    public static bool IsSkippableExtension(byte nextHeader) =>
        nextHeader is HopByHop or Routing or DestinationOptions or AuthenticationHeader or Mobility;
}
