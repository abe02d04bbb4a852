namespace Nat64Harness.Capture;

/// <summary>One frame as a file parser found it; reused between records to avoid allocation.</summary>
internal sealed class FrameRecord
{
    public byte[] Buffer { get; set; } = new byte[2048];

    public int DataOffset { get; set; }

    public int CapturedLength { get; set; }

    public int OriginalLength { get; set; }

    public int LinkType { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    /// <summary>File offset of the record (or block) that holds the frame.</summary>
    public long RecordOffset { get; set; }

    public ReadOnlySpan<byte> Data => Buffer.AsSpan(DataOffset, CapturedLength);

    public Span<byte> EnsureBuffer(int length)
    {
        if (Buffer.Length < length)
        {
            Buffer = new byte[Math.Max(length, Buffer.Length * 2)];
        }

        return Buffer.AsSpan(0, length);
    }
}
