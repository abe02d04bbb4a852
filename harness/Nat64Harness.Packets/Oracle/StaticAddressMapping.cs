using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>A fixed table of IPv6 client ↔ IPv4 pool addresses (e.g. Tayga's <c>map</c> lines).</summary>
public sealed class StaticAddressMapping : IAddressMapping
{
    private readonly Dictionary<IPAddress, IPAddress> _toIpv4 = [];
    private readonly Dictionary<IPAddress, IPAddress> _toIpv6 = [];

    /// <summary>Creates the table from (IPv6, IPv4) pairs.</summary>
    public StaticAddressMapping(IEnumerable<(IPAddress Ipv6, IPAddress Ipv4)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (ipv6, ipv4) in pairs)
        {
            _toIpv4[ipv6] = ipv4;
            _toIpv6[ipv4] = ipv6;
        }
    }

    /// <summary>A mapping with no entries: only prefix-embedded addresses translate.</summary>
    public static StaticAddressMapping Empty { get; } = new([]);

    /// <summary>The (IPv6, IPv4) pairs.</summary>
    public IEnumerable<(IPAddress Ipv6, IPAddress Ipv4)> Pairs => _toIpv4.Select(p => (p.Key, p.Value));

    /// <inheritdoc />
    public IPAddress? ToIpv4(IPAddress ipv6) => _toIpv4.GetValueOrDefault(ipv6);

    /// <inheritdoc />
    public IPAddress? ToIpv6(IPAddress ipv4) => _toIpv6.GetValueOrDefault(ipv4);
}
