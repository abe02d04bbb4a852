namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>
/// Byte ring that starts small and doubles on demand up to a maximum, so an idle or slow flow keeps little memory
/// and a bulk flow gets a deep one. Not thread-safe by itself: the owner serialises index updates under its lock,
/// while one other party may read the data region (or fill the free region) it was handed without the lock. Growth
/// copies into a new array and never reuses the old one, so a data region handed out earlier stays valid; a free
/// region does not survive growth, which is why only <see cref="Write"/> (the data side) and
/// <see cref="FreeContiguous"/> (called by the one filler before each fill) grow the ring.
/// </summary>
public sealed class ByteRing
{
    private byte[] _buffer;
    private int _head;

    /// <summary>A ring of fixed <paramref name="capacity"/>.</summary>
    public ByteRing(int capacity)
        : this(capacity, capacity)
    {
    }

    /// <summary>A ring of <paramref name="initialCapacity"/> bytes that may grow to <paramref name="maxCapacity"/>.</summary>
    public ByteRing(int initialCapacity, int maxCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCapacity, initialCapacity);
        _buffer = new byte[initialCapacity];
        MaxCapacity = maxCapacity;
    }

    /// <summary>Bytes stored.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes the ring holds now without growing.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Bytes the ring may hold at most.</summary>
    public int MaxCapacity { get; }

    /// <summary>Free bytes, counting the room it may still grow into.</summary>
    public int Free => MaxCapacity - Count;

    /// <summary>Appends as much of <paramref name="data"/> as fits (growing if needed); returns how much.</summary>
    public int Write(ReadOnlySpan<byte> data)
    {
        var n = Math.Min(data.Length, Free);
        if (Count + n > _buffer.Length)
        {
            Grow(Count + n);
        }

        var tail = (_head + Count) % _buffer.Length;
        var first = Math.Min(n, _buffer.Length - tail);
        data[..first].CopyTo(_buffer.AsSpan(tail));
        data[first..n].CopyTo(_buffer);
        Count += n;
        return n;
    }

    /// <summary>
    /// The longest contiguous free region at the tail (fill it, then <see cref="Commit"/>). A ring more than half full
    /// grows first, so a filler that keeps up is handed large regions.
    /// </summary>
    public Memory<byte> FreeContiguous()
    {
        if (Count > _buffer.Length / 2 && _buffer.Length < MaxCapacity)
        {
            Grow(_buffer.Length + 1);
        }

        var tail = (_head + Count) % _buffer.Length;
        var n = Math.Min(_buffer.Length - Count, _buffer.Length - tail);
        return _buffer.AsMemory(tail, n);
    }

    /// <summary>Marks <paramref name="n"/> bytes of the region from <see cref="FreeContiguous"/> as stored.</summary>
    public void Commit(int n) => Count += Math.Min(n, _buffer.Length - Count);

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

    /// <summary>Doubles the array until it holds <paramref name="needed"/> bytes (at most the maximum), data moved to its start.</summary>
    private void Grow(int needed)
    {
        var size = _buffer.Length;
        while (size < needed && size < MaxCapacity)
        {
            size = (int)Math.Min(2L * size, MaxCapacity);
        }

        var grown = new byte[size];
        Peek(0, Count, out var first, out var second);
        first.CopyTo(grown);
        second.CopyTo(grown.AsSpan(first.Length));
        _buffer = grown;
        _head = 0;
    }
}
