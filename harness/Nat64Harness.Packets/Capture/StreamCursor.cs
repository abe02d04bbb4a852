namespace Nat64Harness.Capture;

/// <summary>Reads a forward-only stream and tracks the byte offset, so errors can say where they are.</summary>
internal sealed class StreamCursor(Stream stream, string name)
{
    public string Name { get; } = name;

    /// <summary>Bytes consumed so far (works on non-seekable streams).</summary>
    public long Offset { get; private set; }

    /// <summary>Fills <paramref name="destination"/> as far as the stream allows; fewer bytes means end of stream.</summary>
    public int Fill(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = stream.Read(destination[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        Offset += total;
        return total;
    }
}
