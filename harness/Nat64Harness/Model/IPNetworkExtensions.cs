using System.Globalization;
using System.Net;

namespace Nat64Harness.Model;

/// <summary>What the address plan needs of <see cref="IPNetwork"/> beyond what it offers.</summary>
public static class IPNetworkExtensions
{
    /// <summary>True when both are of one family and share at least one address (one contains the other's base).</summary>
    public static bool Overlaps(this IPNetwork network, IPNetwork other) =>
        network.BaseAddress.AddressFamily == other.BaseAddress.AddressFamily
        && (network.Contains(other.BaseAddress) || other.Contains(network.BaseAddress));

    /// <summary>True when <paramref name="inner"/> lies wholly inside <paramref name="network"/>.</summary>
    public static bool Covers(this IPNetwork network, IPNetwork inner) =>
        network.PrefixLength <= inner.PrefixLength && network.Contains(inner.BaseAddress);

    /// <summary>
    /// A network from an address and a prefix length whose host bits may be set (kernel routes, other tools'
    /// Docker networks): they are cleared, where <see cref="IPNetwork(IPAddress, int)"/> would refuse them.
    /// </summary>
    public static IPNetwork Masked(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bytes.Length * 8);
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }

    /// <summary>Parses "a.b.c.d/len", "x::/len" or a bare address (a host route), clearing host bits.</summary>
    /// <exception cref="FormatException">The text is not an address with an optional prefix length.</exception>
    public static IPNetwork ParseMasked(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var address = IPAddress.Parse(slash < 0 ? cidr : cidr[..slash]);
        var length = slash < 0
            ? address.GetAddressBytes().Length * 8
            : int.Parse(cidr[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        return Masked(address, length);
    }
}
