using System.Globalization;

namespace Nat64Harness.Capture;

/// <summary>
/// A capture file is malformed. Says where: file, packet index, byte offset and field,
/// and carries a hex dump of the bytes around the fault.
/// </summary>
public sealed class PcapFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="context"/> are the bytes around the fault, starting at <paramref name="contextOffset"/>.</summary>
    public PcapFormatException(
        string fileName, long packetIndex, long byteOffset, string field, string problem,
        ReadOnlySpan<byte> context, long contextOffset)
        : base(Compose(fileName, packetIndex, byteOffset, field, problem, HexDump.Format(context, contextOffset)))
    {
        FileName = fileName;
        PacketIndex = packetIndex;
        ByteOffset = byteOffset;
        Field = field;
        Problem = problem;
        Dump = HexDump.Format(context, contextOffset);
    }

    /// <summary>Display name of the capture (file path, or the name given with a stream).</summary>
    public string FileName { get; }

    /// <summary>0-based index of the packet being read, or −1 when the fault is in a file header.</summary>
    public long PacketIndex { get; }

    /// <summary>Byte offset in the file where the faulty structure starts.</summary>
    public long ByteOffset { get; }

    /// <summary>The header field at fault, e.g. "magic", "incl_len", "block_total_length".</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>Hex dump of the bytes around the fault.</summary>
    public string Dump { get; }

    private static string Compose(string file, long index, long offset, string field, string problem, string dump)
    {
        var where = index < 0 ? "file header" : string.Create(CultureInfo.InvariantCulture, $"packet #{index}");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{file}: {where} at byte offset {offset} (0x{offset:x}), field '{field}': {problem}\n{dump}");
    }
}
