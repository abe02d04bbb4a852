using System.Buffers.Binary;

namespace Nat64Harness.Tests.Reliability;

/// <summary>
/// Malformed captures made from valid classic pcaps (little-endian, as our fixtures are): the kinds of damage a
/// disk, a copy, a foreign tool or a hostile file brings. Deterministic for a given <see cref="Random"/>.
/// </summary>
public static class MalformedCaptures
{
    private const int FileHeader = 24;
    private const int RecordHeader = 16;

    /// <summary>The kinds of damage, in the order <see cref="Mutate"/> picks them.</summary>
    public static readonly string[] Kinds =
    [
        "truncated", "bit-flips", "lying-record-length", "foreign-link-type", "huge-snap-length",
        "pcapng-odd-blocks", "garbage-tail", "zero-length-records",
    ];

    /// <summary>One damaged copy of <paramref name="pcap"/>; <paramref name="kind"/> says which damage.</summary>
    public static byte[] Mutate(byte[] pcap, Random random, out string kind)
    {
        ArgumentNullException.ThrowIfNull(pcap);
        ArgumentNullException.ThrowIfNull(random);
        kind = Kinds[random.Next(Kinds.Length)];
        var bytes = (byte[])pcap.Clone();
        var records = RecordOffsets(bytes);
        switch (kind)
        {
            case "truncated":
                return bytes[..random.Next(bytes.Length)];
            case "bit-flips":
                for (var n = random.Next(1, 9); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case "lying-record-length":
                if (records.Count > 0)
                {
                    // incl_len past the file's end, past the snap length, or up to 4 GiB: the reader must not trust it.
                    var at = records[random.Next(records.Count)];
                    var lie = random.Next(3) switch { 0 => uint.MaxValue - (uint)random.Next(16), 1 => (uint)random.Next(65536, 1 << 30), _ => (uint)(bytes.Length + random.Next(1, 64)) };
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 8), lie);
                }

                return bytes;
            case "foreign-link-type":
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), random.Next(2) == 0 ? (uint)random.Next(2, 300) : (uint)random.Next());
                return bytes;
            case "huge-snap-length":
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), random.Next(2) == 0 ? uint.MaxValue : (uint)random.Next(1 << 20, int.MaxValue));
                return bytes;
            case "pcapng-odd-blocks":
                return PcapNgWithOddBlocks(bytes, records, random);
            case "garbage-tail":
                return [.. bytes, .. Enumerable.Range(0, random.Next(1, 80)).Select(_ => (byte)random.Next(256))];
            default:
                // Records whose lengths say zero (or orig_len far above incl_len) in the middle of the file.
                foreach (var at in records.Where(_ => random.Next(2) == 0))
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + (random.Next(2) == 0 ? 8 : 12)), random.Next(2) == 0 ? 0u : uint.MaxValue);
                }

                return bytes;
        }
    }

    // Offsets of the record headers of a classic little-endian pcap, as far as they can be walked.
    private static List<int> RecordOffsets(byte[] pcap)
    {
        var offsets = new List<int>();
        for (var at = FileHeader; at + RecordHeader <= pcap.Length;)
        {
            offsets.Add(at);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at + 8));
            if (length > (uint)(pcap.Length - at - RecordHeader))
            {
                break;
            }

            at += RecordHeader + (int)length;
        }

        return offsets;
    }

    // The same packets as pcapng (section header, interface, enhanced packet blocks) with odd blocks mixed in:
    // unknown block types, a block length that is not a multiple of 4, a trailing length that disagrees, an
    // interface id that was never described, a second section of the other byte order, a block cut short.
    private static byte[] PcapNgWithOddBlocks(byte[] pcap, List<int> records, Random random)
    {
        var linkType = (ushort)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(20));
        var blocks = new List<byte[]>
        {
            Block(0x0A0D0D0A, [0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
            Block(1, [(byte)linkType, (byte)(linkType >> 8), 0, 0, 0, 0, 4, 0]),
        };
        foreach (var at in records)
        {
            var length = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(at + 8)), (uint)(pcap.Length - at - RecordHeader));
            var body = new byte[20 + ((length + 3) & ~3)];
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), (uint)length);
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(16), (uint)length);
            pcap.AsSpan(at + RecordHeader, length).CopyTo(body.AsSpan(20));
            blocks.Add(Block(6, body));
        }

        var odd = random.Next(6);
        var where = random.Next(1, blocks.Count + 1);
        switch (odd)
        {
            case 0:
                blocks.Insert(where, Block((uint)random.Next(0x100, int.MaxValue), new byte[random.Next(0, 9) * 4]));
                break;
            case 1:
                var unaligned = Block(6, new byte[24]);
                BinaryPrimitives.WriteUInt32LittleEndian(unaligned.AsSpan(4), (uint)(unaligned.Length - random.Next(1, 4)));
                blocks.Insert(where, unaligned);
                break;
            case 2:
                var disagreeing = Block(6, new byte[24]);
                BinaryPrimitives.WriteUInt32LittleEndian(disagreeing.AsSpan(disagreeing.Length - 4), (uint)random.Next());
                blocks.Insert(where, disagreeing);
                break;
            case 3:
                var stranger = new byte[24];
                BinaryPrimitives.WriteUInt32LittleEndian(stranger, (uint)random.Next(1, 1000));
                blocks.Insert(where, Block(6, stranger));
                break;
            case 4:
                blocks.Insert(where, [0x0A, 0x0D, 0x0D, 0x0A, 0, 0, 0, 28, 0x1A, 0x2B, 0x3C, 0x4D, 0, 1, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 28]);
                break;
            default:
                var last = blocks[^1];
                blocks[^1] = last[..random.Next(1, last.Length)];
                break;
        }

        return [.. blocks.SelectMany(b => b)];
    }

    private static byte[] Block(uint type, byte[] body)
    {
        var block = new byte[12 + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)block.Length);
        body.CopyTo(block.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(block.Length - 4), (uint)block.Length);
        return block;
    }
}
