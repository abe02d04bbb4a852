using System.Buffers.Binary;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// The Internet checksum (RFC 1071) eight bytes at a time, for the capture callback that verifies every packet of a
/// bulk transfer as it arrives; same results as <see cref="Packets.InternetChecksum"/>, which the unit tests compare.
/// </summary>
internal static class FastChecksum
{
    /// <summary>One's-complement sum of <paramref name="bytes"/> (odd last byte padded with zero) added to <paramref name="initial"/>, unfolded.</summary>
    public static ulong Sum(ReadOnlySpan<byte> bytes, ulong initial)
    {
        var sum = initial;
        var i = 0;

        // Four 16-bit words per step: 32-bit halves of a 64-bit read, summed into 64 bits (no carry can be lost
        // before 2^32 steps, far beyond any packet).
        for (; i + 8 <= bytes.Length; i += 8)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(bytes[i..]);
            sum += (word >> 32) + (word & 0xFFFFFFFF);
        }

        for (; i + 2 <= bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        if (i < bytes.Length)
        {
            sum += (ulong)bytes[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds a sum to 16 bits (not complemented).</summary>
    public static ushort Fold(ulong sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)sum;
    }

    /// <summary>The folded, uncomplemented sum of the IPv4 or IPv6 pseudo-header: what a checksum left to offload holds.</summary>
    public static ushort PseudoHeaderSum(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, int length) =>
        Fold(Sum(source, 0) + Sum(destination, 0) + protocol + (ulong)(uint)length);

    /// <summary>True when <paramref name="segment"/> verifies under the IPv4 or IPv6 pseudo-header.</summary>
    public static bool Verifies(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte protocol, ReadOnlySpan<byte> segment)
    {
        var sum = Sum(source, 0) + Sum(destination, 0) + (ulong)protocol + (ulong)(uint)segment.Length;
        return Fold(Sum(segment, sum)) == 0xFFFF;
    }
}
