namespace Nat64Harness.Capture;

/// <summary>
/// Reads a forward-only stream through a buffer of its own and tracks the byte offset, so errors can say where they are.
/// </summary>
/// <remarks>
/// Parsers ask for a record header and then its data, a few dozen bytes at a time: served from one 64 KiB buffer, each
/// record costs two copies instead of two trips through the stream (whose own buffering <see cref="PcapReader.Open"/>
/// turns off). The cursor reads ahead of what it has handed out.
/// </remarks>
internal sealed class StreamCursor(Stream stream, string name)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;

    public string Name { get; } = name;

    /// <summary>Bytes handed out so far (works on non-seekable streams).</summary>
    public long Offset { get; private set; }

    /// <summary>Fills <paramref name="destination"/> as far as the stream allows; fewer bytes means end of stream.</summary>
    public int Fill(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            if (_start == _end)
            {
                if (destination.Length - total >= _buffer.Length)
                {
                    // A block larger than the buffer goes straight to its destination.
                    var direct = stream.Read(destination[total..]);
                    if (direct == 0)
                    {
                        break;
                    }

                    total += direct;
                    continue;
                }

                _start = 0;
                _end = stream.Read(_buffer);
                if (_end == 0)
                {
                    break;
                }
            }

            var take = Math.Min(_end - _start, destination.Length - total);
            _buffer.AsSpan(_start, take).CopyTo(destination[total..]);
            _start += take;
            total += take;
        }

        Offset += total;
        return total;
    }
}
