using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>A fixed table of IPv6 client ↔ IPv4 pool addresses (e.g. Tayga's <c>map</c> lines).</summary>
public sealed class StaticAddressMapping : IAddressMapping
{
    private readonly AddressTable _toIpv4 = new();
    private readonly AddressTable _toIpv6 = new();

    /// <summary>Creates the table from (IPv6, IPv4) pairs.</summary>
    public StaticAddressMapping(IEnumerable<(IPAddress Ipv6, IPAddress Ipv4)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (ipv6, ipv4) in pairs)
        {
            _toIpv4.Set(ipv6, ipv4);
            _toIpv6.Set(ipv4, ipv6);
        }
    }

    /// <summary>A mapping with no entries: only prefix-embedded addresses translate.</summary>
    public static StaticAddressMapping Empty { get; } = new([]);

    /// <summary>The (IPv6, IPv4) pairs.</summary>
    public IEnumerable<(IPAddress Ipv6, IPAddress Ipv4)> Pairs => _toIpv4.Pairs;

    /// <inheritdoc />
    public IPAddress? ToIpv4(IPAddress ipv6) => _toIpv4.Get(ipv6);

    /// <inheritdoc />
    public IPAddress? ToIpv6(IPAddress ipv4) => _toIpv6.Get(ipv4);

    /// <inheritdoc />
    public bool TryToIpv4(ReadOnlySpan<byte> ipv6, Span<byte> mapped, out int length) => _toIpv4.TryGet(ipv6, mapped, out length);

    /// <inheritdoc />
    public bool TryToIpv6(ReadOnlySpan<byte> ipv4, Span<byte> mapped, out int length) => _toIpv6.TryGet(ipv4, mapped, out length);
}
