using Nat64Harness.Capture;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// Writes a capture's frames to a pcap within <see cref="CaptureLimits"/>: the first frames straight to the file,
/// the last ones into a ring in memory that is written when the capture finishes; whatever falls between is
/// counted and left out. The file is a plain pcap (Wireshark shows the jump in time where the middle was).
/// </summary>
public sealed class BoundedPcapRecorder : IDisposable
{
    private readonly PcapWriter _writer;
    private readonly CaptureLimits _limits;
    // The tail ring: slots reused in place (a bulk transfer passes hundreds of thousands of frames through it).
    private readonly List<Slot> _ring = [];
    private int _next;
    private int _count;
    private long _headBytes;
    private long _tailBytes;
    private bool _headFull;
    private bool _finished;

    /// <summary>Creates (or overwrites) <paramref name="path"/> for frames of <paramref name="linkType"/>.</summary>
    public BoundedPcapRecorder(string path, int linkType, CaptureLimits limits)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = PcapWriter.Create(path, linkType);
        _limits = limits;
    }

    /// <summary>Frames offered.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames written, or held to be written at <see cref="Finish"/>.</summary>
    public long Kept => HeadWritten + _count;

    /// <summary>Frames written from the start.</summary>
    public long HeadWritten { get; private set; }

    /// <summary>When the last frame of the head was seen.</summary>
    public DateTimeOffset? HeadEnd { get; private set; }

    /// <summary>Records one frame; the frame is borrowed and copied only when the ring keeps it.</summary>
    public void Add(DateTimeOffset timestamp, ReadOnlySpan<byte> frame, int originalLength)
    {
        Frames++;
        if (!_headFull && HeadWritten < _limits.HeadPackets && _headBytes + frame.Length <= _limits.HeadBytes)
        {
            _writer.Write(timestamp, frame, originalLength);
            HeadWritten++;
            _headBytes += frame.Length;
            HeadEnd = timestamp;
            return;
        }

        _headFull = true;
        if (_limits.TailPackets == 0 || frame.Length > _limits.TailBytes)
        {
            return;
        }

        // Evict the oldest until the new frame fits both bounds, then store it in the next slot.
        while (_count > 0 && (_count >= _limits.TailPackets || _tailBytes + frame.Length > _limits.TailBytes))
        {
            var oldest = _ring[Oldest];
            _tailBytes -= oldest.Length;
            _count--;
        }

        if (_ring.Count < _limits.TailPackets && _next == _ring.Count)
        {
            _ring.Add(new Slot());
        }

        var slot = _ring[_next];
        if (slot.Buffer.Length < frame.Length)
        {
            slot.Buffer = new byte[Math.Max(frame.Length, 2048)];
        }

        frame.CopyTo(slot.Buffer);
        (slot.Length, slot.Time, slot.Original) = (frame.Length, timestamp, originalLength);
        _next = (_next + 1) % _limits.TailPackets;
        _count++;
        _tailBytes += frame.Length;
    }

    private int Oldest => ((_next - _count) % _limits.TailPackets + _limits.TailPackets) % _limits.TailPackets;

    /// <summary>Writes the ring and closes the file; returns how many frames it holds and where the omitted stretch lies.</summary>
    public (long Written, DateTimeOffset? HeadEnd, DateTimeOffset? TailStart) Finish()
    {
        if (_finished)
        {
            throw new InvalidOperationException("the recorder is finished already");
        }

        _finished = true;
        var omitted = Frames - Kept;
        DateTimeOffset? tailStart = _count > 0 ? _ring[Oldest].Time : null;
        var written = HeadWritten + _count;
        for (int i = 0, at = Oldest; i < _count; i++, at = (at + 1) % _limits.TailPackets)
        {
            var slot = _ring[at];
            _writer.Write(slot.Time, slot.Buffer.AsSpan(0, slot.Length), slot.Original);
        }

        _writer.Dispose();
        return omitted > 0 ? (written, HeadEnd, tailStart ?? HeadEnd) : (written, null, null);
    }

    /// <summary>Closes the file without writing the ring when <see cref="Finish"/> was not called (a failed capture).</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            _writer.Dispose();
        }
    }

    private sealed class Slot
    {
        public byte[] Buffer { get; set; } = [];

        public int Length { get; set; }

        public DateTimeOffset Time { get; set; }

        public int Original { get; set; }
    }
}
