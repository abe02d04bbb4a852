using System.Buffers.Binary;

namespace Nat64Harness.Packets;

/// <summary>
/// The Internet checksum (RFC 1071) and the pseudo-headers TCP, UDP and ICMPv6 include
/// (RFC 793 §3.1 / RFC 768 for IPv4, RFC 8200 §8.1 for IPv6).
/// </summary>
public static class InternetChecksum
{
    /// <summary>Unfolded 32-bit one's-complement sum of big-endian 16-bit words; an odd last byte is padded with zero.</summary>
    public static uint Sum(ReadOnlySpan<byte> bytes, uint initial = 0)
    {
        ulong sum = initial;
        var i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        if (i < bytes.Length)
        {
            sum += (uint)bytes[i] << 8;
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (uint)sum;
    }

    /// <summary>Folds a sum to 16 bits (not complemented).</summary>
    public static ushort Fold(uint sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)sum;
    }

    /// <summary>The checksum to store: complement of the folded sum.</summary>
    public static ushort Complement(uint sum) => (ushort)~Fold(sum);

    /// <summary>Sum of the IPv4 pseudo-header: source, destination, zero, protocol, upper-layer length.</summary>
    public static uint PseudoHeaderSum(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, int upperLayerLength)
    {
        var sum = Sum(source);
        sum = Sum(destination, sum);
        if (source.Length == 16)
        {
            // IPv6 pseudo-header carries a 32-bit length and 24 zero bits before the next header.
            sum += (uint)(upperLayerLength >> 16) + (uint)(upperLayerLength & 0xFFFF);
        }
        else
        {
            sum += (uint)upperLayerLength;
        }

        return sum + protocol;
    }

    /// <summary>
    /// True when <paramref name="segment"/> (the whole upper-layer message, checksum field included)
    /// verifies under the pseudo-header of <paramref name="source"/> and <paramref name="destination"/>.
    /// </summary>
    public static bool VerifyWithPseudoHeader(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, ReadOnlySpan<byte> segment) =>
        Fold(Sum(segment, Fold(PseudoHeaderSum(source, destination, protocol, segment.Length)))) == 0xFFFF;

    /// <summary>Computes the checksum of <paramref name="segment"/> whose checksum field is zero, including the pseudo-header.</summary>
    public static ushort ComputeWithPseudoHeader(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, ReadOnlySpan<byte> segment) =>
        Complement(Sum(segment, Fold(PseudoHeaderSum(source, destination, protocol, segment.Length))));

    /// <summary>
    /// Incrementally updates a stored checksum when some covered words are replaced (RFC 1624 eqn. 3):
    /// HC' = ~(~HC + ~m + m').
    /// </summary>
    public static ushort Adjust(ushort checksum, uint removedSum, uint addedSum)
    {
        uint sum = (ushort)~checksum;
        sum += (ushort)~Fold(removedSum);
        sum += Fold(addedSum);
        return Complement(sum);
    }
}
