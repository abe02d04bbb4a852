using Nat64Harness.Capture;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// Writes a capture's frames to a pcap within <see cref="CaptureLimits"/>: the first frames straight to the file,
/// the last ones into a ring in memory that is written when the capture finishes; whatever falls between is
/// counted and left out. The file is a plain pcap (Wireshark shows the jump in time where the middle was).
/// A write that fails (a full disk) stops the writing but not the counting; <see cref="Finish"/> then renames the
/// file to <c>*.pcap.partial</c> and throws <see cref="CaptureWriteException"/>, so a half-written pcap is never
/// handed on as evidence.
/// </summary>
public sealed class BoundedPcapRecorder : IDisposable
{
    private readonly PcapWriter _writer;
    private readonly CaptureLimits _limits;
    private readonly string _path;
    private IOException? _writeError;
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
        _path = path;
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
        if (_writeError is not null)
        {
            return;
        }

        if (!_headFull && HeadWritten < _limits.HeadPackets && _headBytes + frame.Length <= _limits.HeadBytes)
        {
            if (!TryWrite(timestamp, frame, originalLength))
            {
                return;
            }

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

    /// <summary>
    /// Writes the ring and closes the file; returns how many frames it holds and where the omitted stretch lies.
    /// Throws <see cref="CaptureWriteException"/> when any write failed, after renaming the incomplete file.
    /// </summary>
    public (long Written, DateTimeOffset? HeadEnd, DateTimeOffset? TailStart) Finish()
    {
        if (_finished)
        {
            throw new InvalidOperationException("the recorder is finished already");
        }

        _finished = true;
        var omitted = Frames - Kept;
        DateTimeOffset? tailStart = _count > 0 ? _ring[Oldest].Time : null;
        var written = HeadWritten;
        for (int i = 0, at = Oldest; i < _count && _writeError is null; i++, at = (at + 1) % _limits.TailPackets)
        {
            var slot = _ring[at];
            if (TryWrite(slot.Time, slot.Buffer.AsSpan(0, slot.Length), slot.Original))
            {
                written++;
            }
        }

        Close();
        if (_writeError is { } error)
        {
            throw new CaptureWriteException(_path, SetAside(), written, Frames, error);
        }

        return omitted > 0 ? (written, HeadEnd, tailStart ?? HeadEnd) : (written, null, null);
    }

    /// <summary>
    /// Closes the file without writing the ring when <see cref="Finish"/> was not called (a failed capture); never
    /// throws. A file whose writing failed is set aside as <c>*.partial</c> here too.
    /// </summary>
    public void Dispose()
    {
        if (!_finished)
        {
            _finished = true;
            Close();
            if (_writeError is not null)
            {
                SetAside();
            }
        }
    }

    // The first failed write is kept; nothing is written after it (a record cut in the middle ends the file there).
    private bool TryWrite(DateTimeOffset timestamp, ReadOnlySpan<byte> frame, int originalLength)
    {
        try
        {
            _writer.Write(timestamp, frame, originalLength);
            return true;
        }
        catch (IOException e)
        {
            _writeError = e;
            return false;
        }
    }

    // Flushing is writing too: its failure counts like any other.
    private void Close()
    {
        try
        {
            _writer.Dispose();
        }
        catch (IOException e)
        {
            _writeError ??= e;
        }
    }

    // Renaming needs no free space; when even that fails, the file is removed rather than left under its own name.
    private string? SetAside()
    {
        var partial = _path + CaptureWriteException.PartialSuffix;
        try
        {
            File.Move(_path, partial, overwrite: true);
            return partial;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(_path);
            }
            catch (Exception removal) when (removal is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done here; the exception's message says the file is not to be trusted.
            }

            return null;
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
