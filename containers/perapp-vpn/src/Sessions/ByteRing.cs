namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>
/// Fixed-capacity byte ring. Not thread-safe by itself: the owner serialises index updates under its lock,
/// while one other party may read the data region (or fill the free region) it was handed without the lock.
/// </summary>
public sealed class ByteRing(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _head;

    /// <summary>Bytes stored.</summary>
    public int Count { get; private set; }

    /// <summary>Capacity in bytes.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Free bytes.</summary>
    public int Free => _buffer.Length - Count;

    /// <summary>Appends as much of <paramref name="data"/> as fits; returns how much.</summary>
    public int Write(ReadOnlySpan<byte> data)
    {
        var n = Math.Min(data.Length, Free);
        var tail = (_head + Count) % _buffer.Length;
        var first = Math.Min(n, _buffer.Length - tail);
        data[..first].CopyTo(_buffer.AsSpan(tail));
        data[first..n].CopyTo(_buffer);
        Count += n;
        return n;
    }

    /// <summary>The longest contiguous free region at the tail (fill it, then <see cref="Commit"/>).</summary>
    public Memory<byte> FreeContiguous()
    {
        var tail = (_head + Count) % _buffer.Length;
        var n = Math.Min(Free, _buffer.Length - tail);
        return _buffer.AsMemory(tail, n);
    }

    /// <summary>Marks <paramref name="n"/> bytes of the region from <see cref="FreeContiguous"/> as stored.</summary>
    public void Commit(int n) => Count += Math.Min(n, Free);

    /// <summary>The longest contiguous stored region at the head.</summary>
    public ReadOnlyMemory<byte> DataContiguous() => _buffer.AsMemory(_head, Math.Min(Count, _buffer.Length - _head));

    /// <summary>The stored bytes [offset, offset+length) as up to two spans.</summary>
    public void Peek(int offset, int length, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second)
    {
        var start = (_head + offset) % _buffer.Length;
        var n1 = Math.Min(length, _buffer.Length - start);
        first = _buffer.AsSpan(start, n1);
        second = _buffer.AsSpan(0, length - n1);
    }

    /// <summary>Drops <paramref name="n"/> bytes from the head.</summary>
    public void Consume(int n)
    {
        n = Math.Min(n, Count);
        _head = (_head + n) % _buffer.Length;
        Count -= n;
    }
}
