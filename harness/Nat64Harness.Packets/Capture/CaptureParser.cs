namespace Nat64Harness.Capture;

/// <summary>Reads frame records of one capture file format.</summary>
internal abstract class CaptureParser(StreamCursor cursor)
{
    /// <summary>libpcap's MAXIMUM_SNAPLEN: no sane record is bigger, so a bigger length is garbage, not a reason to allocate.</summary>
    protected const int DefaultMaxFrameLength = 262_144;

    /// <summary>Hard ceiling whatever a header claims.</summary>
    protected const int AbsoluteMaxLength = 16 * 1024 * 1024;

    protected StreamCursor Cursor { get; } = cursor;

    public abstract CaptureFileFormat Format { get; }

    /// <summary>Reads the next frame into <paramref name="frame"/>; false at a clean end of file.</summary>
    public abstract bool TryReadNext(FrameRecord frame, long packetIndex);

    protected PcapFormatException Fault(long index, long offset, string field, string problem, ReadOnlySpan<byte> context, long contextOffset) =>
        new(Cursor.Name, index, offset, field, problem, context, contextOffset);

    protected static DateTimeOffset FromUnixTicks(Int128 ticks) =>
        ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks
            ? DateTimeOffset.UnixEpoch
            : DateTimeOffset.UnixEpoch.AddTicks((long)ticks);
}
