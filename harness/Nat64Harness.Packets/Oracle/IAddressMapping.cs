using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>
/// Maps IPv6 client addresses to the IPv4 pool addresses a NAT64 gives them, and back.
/// Addresses inside the NAT64 prefix are not the mapping's business: RFC 6052 handles them.
/// </summary>
public interface IAddressMapping
{
    /// <summary>The IPv4 pool address of <paramref name="ipv6"/>, or null when unknown.</summary>
    IPAddress? ToIpv4(IPAddress ipv6);

    /// <summary>The IPv6 client address behind pool address <paramref name="ipv4"/>, or null when unknown.</summary>
    IPAddress? ToIpv6(IPAddress ipv4);
}
