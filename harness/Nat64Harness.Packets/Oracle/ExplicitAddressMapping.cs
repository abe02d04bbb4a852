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
        }

        _fallback = fallback;
    }

    /// <summary>The entries, in the order given.</summary>
    public IReadOnlyList<(IPNetwork Ipv6, IPNetwork Ipv4)> Entries => _entries;

    /// <inheritdoc />
    public IPAddress? ToIpv4(IPAddress ipv6)
    {
        ArgumentNullException.ThrowIfNull(ipv6);
        var best = -1;
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Ipv6.Contains(ipv6) && (best < 0 || _entries[i].Ipv6.PrefixLength > _entries[best].Ipv6.PrefixLength))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return _fallback?.ToIpv4(ipv6);
        }

        var (v6, v4) = _entries[best];
        var suffixBits = 32 - v4.PrefixLength;
        var suffix = ReadBits(ipv6.GetAddressBytes(), v6.PrefixLength, suffixBits);
        var value = ToUInt32(v4.BaseAddress.GetAddressBytes()) | (uint)suffix;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    /// <inheritdoc />
    public IPAddress? ToIpv6(IPAddress ipv4)
    {
        ArgumentNullException.ThrowIfNull(ipv4);
        var best = -1;
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Ipv4.Contains(ipv4) && (best < 0 || _entries[i].Ipv4.PrefixLength > _entries[best].Ipv4.PrefixLength))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return _fallback?.ToIpv6(ipv4);
        }

        var (v6, v4) = _entries[best];
        var suffixBits = 32 - v4.PrefixLength;
        var suffix = suffixBits == 0 ? 0UL : ToUInt32(ipv4.GetAddressBytes()) & ((1UL << suffixBits) - 1);
        var bytes = v6.BaseAddress.GetAddressBytes();
        for (var i = 0; i < suffixBits; i++)
        {
            if (((suffix >> (suffixBits - 1 - i)) & 1) != 0)
            {
                var bit = v6.PrefixLength + i;
                bytes[bit / 8] |= (byte)(1 << (7 - (bit % 8)));
            }
        }

        return new IPAddress(bytes);
    }

    private static ulong ReadBits(byte[] bytes, int start, int count)
    {
        ulong value = 0;
        for (var i = 0; i < count; i++)
        {
            var bit = start + i;
            value = (value << 1) | (uint)((bytes[bit / 8] >> (7 - (bit % 8))) & 1);
        }

        return value;
    }

    private static uint ToUInt32(byte[] b) => (uint)((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]);
}
