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

    /// <summary>
    /// <see cref="ToIpv4(IPAddress)"/> on address bytes: writes the mapped address into <paramref name="mapped"/> (room
    /// for 16 bytes) and its length into <paramref name="length"/>. The oracle calls this once per packet; the
    /// implementations here answer it without allocating, others through <see cref="ToIpv4(IPAddress)"/>.
    /// </summary>
    bool TryToIpv4(ReadOnlySpan<byte> ipv6, Span<byte> mapped, out int length) => Write(ToIpv4(new IPAddress(ipv6)), mapped, out length);

    /// <summary><see cref="ToIpv6(IPAddress)"/> on address bytes; see <see cref="TryToIpv4(ReadOnlySpan{byte}, Span{byte}, out int)"/>.</summary>
    bool TryToIpv6(ReadOnlySpan<byte> ipv4, Span<byte> mapped, out int length) => Write(ToIpv6(new IPAddress(ipv4)), mapped, out length);

    private static bool Write(IPAddress? address, Span<byte> destination, out int length)
    {
        length = 0;
        return address is not null && address.TryWriteBytes(destination, out length);
    }
}
