using System.Buffers.Binary;
using System.Net;

namespace Nat64Harness.PerAppVpn;

/// <summary>
/// Where the VPN sends a flow: IPv6 destinations as they are; IPv4 destinations synthesised into the NAT64
/// prefix (RFC 6052 §2.2, any of /32 /40 /48 /56 /64 /96) when one is configured, so the VPN itself needs no
/// IPv4 route.
/// </summary>
public sealed class RemoteAddressMapper
{
    private const int ReservedOctet = 8; // bits 64..71, "u", always zero (RFC 6052 §2.2)

    private readonly byte[]? _prefix;
    private readonly int _prefixOctets;

    /// <summary>Maps into <paramref name="nat64Prefix"/>; IPv4 destinations stay IPv4 when it is null or of another length.</summary>
    public RemoteAddressMapper(IPNetwork? nat64Prefix)
    {
        if (nat64Prefix is { PrefixLength: 32 or 40 or 48 or 56 or 64 or 96 } prefix)
        {
            _prefix = prefix.BaseAddress.GetAddressBytes();
            _prefixOctets = prefix.PrefixLength / 8;
        }
    }

    /// <summary>The outbound address for an app destination (IPv6 as 128 bits, IPv4 in the low 32 bits).</summary>
    public IPAddress Map(byte version, UInt128 destination)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (version == 6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, destination);
            return new IPAddress(bytes);
        }

        Span<byte> v4 = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)destination);
        if (_prefix is null)
        {
            return new IPAddress(v4);
        }

        bytes.Clear();
        _prefix.AsSpan(0, _prefixOctets).CopyTo(bytes);
        var position = _prefixOctets;
        foreach (var octet in v4)
        {
            if (position == ReservedOctet)
            {
                position++;
            }

            bytes[position++] = octet;
        }

        return new IPAddress(bytes);
    }
}
