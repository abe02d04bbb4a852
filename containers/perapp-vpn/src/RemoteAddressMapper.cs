using System.Net;

namespace Nat64Harness.PerAppVpn;

/// <summary>
/// Where the VPN sends a flow: IPv6 destinations as they are; IPv4 destinations synthesised into the NAT64
/// prefix (RFC 6052 §2.2, /96 only) when one is configured, so the VPN itself needs no IPv4 route.
/// </summary>
public sealed class RemoteAddressMapper(IPNetwork? nat64Prefix)
{
    private readonly byte[]? _prefix = nat64Prefix is { PrefixLength: 96 } p ? p.BaseAddress.GetAddressBytes() : null;

    /// <summary>The outbound address for an app destination (IPv6 as 128 bits, IPv4 in the low 32 bits).</summary>
    public IPAddress Map(byte version, UInt128 destination)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (version == 6)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, destination);
            return new IPAddress(bytes);
        }

        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes[12..], (uint)destination);
        if (_prefix is null)
        {
            return new IPAddress(bytes[12..]);
        }

        _prefix.AsSpan(0, 12).CopyTo(bytes);
        return new IPAddress(bytes);
    }
}
