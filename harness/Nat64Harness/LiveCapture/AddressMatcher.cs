using System.Net;

namespace Nat64Harness.LiveCapture;

/// <summary>Tests raw address bytes against a few networks without allocating (the capture callback's hot path).</summary>
internal sealed class AddressMatcher(IEnumerable<IPNetwork> networks)
{
    private readonly (byte[] Prefix, int Bits)[] _networks = networks.Select(n => (n.BaseAddress.GetAddressBytes(), n.PrefixLength)).ToArray();

    /// <summary>True when <paramref name="address"/> (4 or 16 bytes) lies in one of the networks.</summary>
    public bool Contains(ReadOnlySpan<byte> address)
    {
        foreach (var (prefix, bits) in _networks)
        {
            if (prefix.Length == address.Length && Matches(prefix, bits, address))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(byte[] prefix, int bits, ReadOnlySpan<byte> address)
    {
        var whole = bits / 8;
        if (!address[..whole].SequenceEqual(prefix.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = bits % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (address[whole] & mask) == (prefix[whole] & mask);
    }
}
