using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Nat64Harness.Oracle;

/// <summary>
/// An Explicit Address Mapping table (RFC 7757), as SIIT translators (Jool SIIT, 464XLAT PLATs) use beside or instead
/// of the RFC 6052 prefix: each entry pairs an IPv6 prefix with an IPv4 prefix, and the IPv4 suffix bits are copied
/// right after the IPv6 prefix (the remaining IPv6 bits are zero). The longest matching entry wins (RFC 7757 §3.2);
/// addresses no entry covers are looked up in <c>fallback</c>, if given. The oracle consults it before the prefix.
/// </summary>
public sealed class ExplicitAddressMapping : IAddressMapping
{
    private readonly List<(IPNetwork Ipv6, IPNetwork Ipv4)> _entries;
    private readonly List<(byte[] Ipv6, byte[] Ipv4)> _bytes = [];
    private readonly IAddressMapping? _fallback;

    /// <summary>Creates the table.</summary>
    /// <param name="entries">IPv6 prefix ↔ IPv4 prefix pairs, e.g. (2001:db8:3::/120, 1.0.0.0/24).</param>
    /// <param name="fallback">Mapping for the addresses no entry covers (e.g. single pool pairs), or null.</param>
    /// <exception cref="ArgumentException">An entry mixes families, or its IPv4 suffix does not fit after its IPv6 prefix.</exception>
    public ExplicitAddressMapping(IEnumerable<(IPNetwork Ipv6, IPNetwork Ipv4)> entries, IAddressMapping? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [];
        foreach (var (ipv6, ipv4) in entries)
        {
            if (ipv6.BaseAddress.AddressFamily != AddressFamily.InterNetworkV6 || ipv4.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            {
                throw new ArgumentException($"EAM entry {ipv6} ↔ {ipv4}: the first prefix must be IPv6, the second IPv4");
            }

            if (128 - ipv6.PrefixLength < 32 - ipv4.PrefixLength)
            {
                throw new ArgumentException($"EAM entry {ipv6} ↔ {ipv4}: the {32 - ipv4.PrefixLength}-bit IPv4 suffix does not fit after a /{ipv6.PrefixLength} (RFC 7757 §3.2)");
            }

            _entries.Add((ipv6, ipv4));
            _bytes.Add((ipv6.BaseAddress.GetAddressBytes(), ipv4.BaseAddress.GetAddressBytes()));
        }

        _fallback = fallback;
    }

    /// <summary>The entries, in the order given.</summary>
    public IReadOnlyList<(IPNetwork Ipv6, IPNetwork Ipv4)> Entries => _entries;

    /// <inheritdoc />
    public IPAddress? ToIpv4(IPAddress ipv6)
    {
        ArgumentNullException.ThrowIfNull(ipv6);
        Span<byte> address = stackalloc byte[16];
        ipv6.TryWriteBytes(address, out var written);
        Span<byte> mapped = stackalloc byte[16];
        return ipv6.AddressFamily == AddressFamily.InterNetworkV6 && Best(address, toIpv4: true) >= 0
            ? (TryToIpv4(address[..written], mapped, out var length) ? new IPAddress(mapped[..length]) : null)
            : _fallback?.ToIpv4(ipv6);
    }

    /// <inheritdoc />
    public IPAddress? ToIpv6(IPAddress ipv4)
    {
        ArgumentNullException.ThrowIfNull(ipv4);
        Span<byte> address = stackalloc byte[16];
        ipv4.TryWriteBytes(address, out var written);
        Span<byte> mapped = stackalloc byte[16];
        return ipv4.AddressFamily == AddressFamily.InterNetwork && Best(address[..written], toIpv4: false) >= 0
            ? (TryToIpv6(address[..written], mapped, out var length) ? new IPAddress(mapped[..length]) : null)
            : _fallback?.ToIpv6(ipv4);
    }

    /// <inheritdoc />
    public bool TryToIpv4(ReadOnlySpan<byte> ipv6, Span<byte> mapped, out int length)
    {
        var best = ipv6.Length == 16 ? Best(ipv6, toIpv4: true) : -1;
        if (best < 0)
        {
            length = 0;
            return _fallback?.TryToIpv4(ipv6, mapped, out length) == true;
        }

        var (v6, v4) = _entries[best];
        var suffixBits = 32 - v4.PrefixLength;
        var suffix = ReadBits(ipv6, v6.PrefixLength, suffixBits);
        var value = ToUInt32(_bytes[best].Ipv4) | (uint)suffix;
        BinaryPrimitives.WriteUInt32BigEndian(mapped, value);
        length = 4;
        return true;
    }

    /// <inheritdoc />
    public bool TryToIpv6(ReadOnlySpan<byte> ipv4, Span<byte> mapped, out int length)
    {
        var best = ipv4.Length == 4 ? Best(ipv4, toIpv4: false) : -1;
        if (best < 0)
        {
            length = 0;
            return _fallback?.TryToIpv6(ipv4, mapped, out length) == true;
        }

        var (v6, v4) = _entries[best];
        var suffixBits = 32 - v4.PrefixLength;
        var suffix = suffixBits == 0 ? 0UL : ToUInt32(ipv4) & ((1UL << suffixBits) - 1);
        var bytes = mapped[..16];
        _bytes[best].Ipv6.CopyTo(bytes);
        for (var i = 0; i < suffixBits; i++)
        {
            if (((suffix >> (suffixBits - 1 - i)) & 1) != 0)
            {
                var bit = v6.PrefixLength + i;
                bytes[bit / 8] |= (byte)(1 << (7 - (bit % 8)));
            }
        }

        length = 16;
        return true;
    }

    // The longest entry whose prefix on that side covers the address (RFC 7757 §3.2), or −1.
    private int Best(ReadOnlySpan<byte> address, bool toIpv4)
    {
        var best = -1;
        for (var i = 0; i < _entries.Count; i++)
        {
            var (bytes, prefixLength) = toIpv4 ? (_bytes[i].Ipv6, _entries[i].Ipv6.PrefixLength) : (_bytes[i].Ipv4, _entries[i].Ipv4.PrefixLength);
            if (bytes.Length == address.Length && Covers(bytes, prefixLength, address)
                && (best < 0 || prefixLength > (toIpv4 ? _entries[best].Ipv6.PrefixLength : _entries[best].Ipv4.PrefixLength)))
            {
                best = i;
            }
        }

        return best;
    }

    private static bool Covers(ReadOnlySpan<byte> network, int prefixLength, ReadOnlySpan<byte> address)
    {
        var whole = prefixLength / 8;
        if (!address[..whole].SequenceEqual(network[..whole]))
        {
            return false;
        }

        var bits = prefixLength % 8;
        var mask = (byte)(0xFF << (8 - bits));
        return bits == 0 || (address[whole] & mask) == (network[whole] & mask);
    }

    private static ulong ReadBits(ReadOnlySpan<byte> bytes, int start, int count)
    {
        ulong value = 0;
        for (var i = 0; i < count; i++)
        {
            var bit = start + i;
            value = (value << 1) | (uint)((bytes[bit / 8] >> (7 - (bit % 8))) & 1);
        }

        return value;
    }

    private static uint ToUInt32(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadUInt32BigEndian(b);
}
