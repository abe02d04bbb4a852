using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>
/// A mapping that learns IPv6 client ↔ IPv4 pool pairs from the first translated pair that shows them, and then
/// holds every later pair to what it learned. Use it when the NAT64's dynamic pool assignment is not known up front.
/// </summary>
/// <remarks>
/// The first pair for a client is trusted, so a translator that gets the very first mapping wrong is caught only
/// by inconsistency later; use <see cref="StaticAddressMapping"/> when the mapping is known.
/// </remarks>
public sealed class LearningAddressMapping : IAddressMapping
{
    private readonly AddressTable _toIpv4 = new();
    private readonly AddressTable _toIpv6 = new();
    private readonly IAddressMapping? _seed;
    private readonly Func<IPAddress, bool>? _pool;

    /// <summary>
    /// Creates an empty learner, optionally consulting <paramref name="seed"/> first. With <paramref name="pool"/>,
    /// only IPv4 addresses it accepts are learned: a translator that picks an address outside its pool, or a
    /// packet whose IPv6 address only looks like a client because the oracle was told the wrong prefix, fails
    /// at the address field instead of teaching the learner a wrong pair.
    /// </summary>
    public LearningAddressMapping(IAddressMapping? seed = null, Func<IPAddress, bool>? pool = null)
    {
        _seed = seed;
        _pool = pool;
    }

    /// <summary>The pairs learned so far.</summary>
    public IEnumerable<(IPAddress Ipv6, IPAddress Ipv4)> Learned => _toIpv4.Pairs;

    /// <inheritdoc />
    public IPAddress? ToIpv4(IPAddress ipv6) => _seed?.ToIpv4(ipv6) ?? _toIpv4.Get(ipv6);

    /// <inheritdoc />
    public IPAddress? ToIpv6(IPAddress ipv4) => _seed?.ToIpv6(ipv4) ?? _toIpv6.Get(ipv4);

    /// <inheritdoc />
    public bool TryToIpv4(ReadOnlySpan<byte> ipv6, Span<byte> mapped, out int length)
    {
        if (_seed is not null && _seed.TryToIpv4(ipv6, mapped, out length))
        {
            return true;
        }

        return _toIpv4.TryGet(ipv6, mapped, out length);
    }

    /// <inheritdoc />
    public bool TryToIpv6(ReadOnlySpan<byte> ipv4, Span<byte> mapped, out int length)
    {
        if (_seed is not null && _seed.TryToIpv6(ipv4, mapped, out length))
        {
            return true;
        }

        return _toIpv6.TryGet(ipv4, mapped, out length);
    }

    /// <summary>Records a pair; false when either address is already bound to something else.</summary>
    public bool Learn(IPAddress ipv6, IPAddress ipv4)
    {
        ArgumentNullException.ThrowIfNull(ipv6);
        ArgumentNullException.ThrowIfNull(ipv4);
        if (_pool is not null && !_pool(ipv4))
        {
            return false;
        }

        var known4 = ToIpv4(ipv6);
        var known6 = ToIpv6(ipv4);
        if ((known4 is not null && !known4.Equals(ipv4)) || (known6 is not null && !known6.Equals(ipv6)))
        {
            return false;
        }

        _toIpv4.Set(ipv6, ipv4);
        _toIpv6.Set(ipv4, ipv6);
        return true;
    }
}
