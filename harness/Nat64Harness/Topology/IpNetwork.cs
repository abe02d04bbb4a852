using System.Net;
using System.Net.Sockets;

namespace Nat64Harness.Topology;

/// <summary>An IPv4 or IPv6 subnet (address and prefix length), for overlap checks of the address plan.</summary>
public readonly record struct IpNetwork(IPAddress Address, int Length)
{
    /// <summary>Parses "a.b.c.d/len" or "x::/len".</summary>
    public static IpNetwork Parse(string cidr)
    {
        var slash = cidr.IndexOf('/');
        return slash < 0
            ? new IpNetwork(IPAddress.Parse(cidr), IPAddress.Parse(cidr).AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : new IpNetwork(IPAddress.Parse(cidr[..slash]), int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>True when both are of one family and share at least one address.</summary>
    public bool Overlaps(IpNetwork other)
    {
        if (Address.AddressFamily != other.Address.AddressFamily)
        {
            return false;
        }

        var a = Address.GetAddressBytes();
        var b = other.Address.GetAddressBytes();
        var bits = Math.Min(Length, other.Length);
        for (var i = 0; i < bits; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{Length}";
}
