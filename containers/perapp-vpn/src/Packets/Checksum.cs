using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>RFC 1071 Internet checksum, with the IPv4 and IPv6 pseudo-headers of RFC 793 and RFC 8200 §8.1.</summary>
public static class Checksum
{
    /// <summary>Adds <paramref name="data"/> as 16-bit big-endian words to a running 32-bit sum (odd tail padded with zero).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        ulong acc = sum;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && data.Length >= 2 * Vector256<byte>.Count)
        {
            i = data.Length & ~(Vector256<byte>.Count - 1);
            acc += VectorSum(data[..i]);
        }

        for (; i + 8 <= data.Length; i += 8)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(data[i..]);
            acc += (word >> 48) + ((word >> 32) & 0xFFFF) + ((word >> 16) & 0xFFFF) + (word & 0xFFFF);
        }

        for (; i + 2 <= data.Length; i += 2)
        {
            acc += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            acc += (uint)data[i] << 8;
        }

        while ((acc >> 32) != 0)
        {
            acc = (acc & 0xFFFFFFFF) + (acc >> 32);
        }

        return (uint)acc;
    }

    /// <summary>
    /// The sum of whole 32-byte blocks as big-endian words, folded to 16 bits. A one's-complement sum does not depend
    /// on byte order (RFC 1071 §2(B)): the words are added in the machine's order, 16 per step in 32-bit lanes, and the
    /// folded result swapped once. A super-segment's 64 KiB is most of the VPN's checksum work.
    /// </summary>
    private static ulong VectorSum(ReadOnlySpan<byte> blocks)
    {
        ref var start = ref MemoryMarshal.GetReference(blocks);
        ulong total = 0;
        for (var offset = 0; offset < blocks.Length;)
        {
            // Each step adds at most 2 x 65535 to a lane: 16 384 steps (512 KiB) stay far below 2^32.
            var end = Math.Min(blocks.Length, offset + (16_384 * Vector256<byte>.Count));
            var lanes = Vector256<uint>.Zero;
            for (; offset < end; offset += Vector256<byte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)offset).AsUInt16());
                lanes += low + high;
            }

            var (a, b) = Vector256.Widen(lanes);
            total += Vector256.Sum(a + b);
        }

        while ((total >> 16) != 0)
        {
            total = (total & 0xFFFF) + (total >> 16);
        }

        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((ushort)total) : total;
    }

    /// <summary>Folds a running sum to 16 bits and complements it.</summary>
    public static ushort Finish(uint sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>Sum of the IPv6 pseudo-header: source, destination, upper-layer length, next header.</summary>
    public static uint PseudoHeaderV6(ReadOnlySpan<byte> source16, ReadOnlySpan<byte> destination16, int upperLayerLength, byte nextHeader)
    {
        var sum = Add(0, source16);
        sum = Add(sum, destination16);
        sum += (uint)(upperLayerLength >> 16) + (uint)(upperLayerLength & 0xFFFF);
        return sum + nextHeader;
    }

    /// <summary>Sum of the IPv4 pseudo-header: source, destination, zero, protocol, upper-layer length.</summary>
    public static uint PseudoHeaderV4(ReadOnlySpan<byte> source4, ReadOnlySpan<byte> destination4, int upperLayerLength, byte protocol)
    {
        var sum = Add(0, source4);
        sum = Add(sum, destination4);
        return sum + protocol + (uint)upperLayerLength;
    }
}
