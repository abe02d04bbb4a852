using System.Buffers.Binary;
using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>
/// Address → address, looked up by <see cref="IPAddress"/> or by the bytes of a packet's address without allocating.
/// Keeps insertion order (mappings list their pairs in the order they were given or learned).
/// </summary>
internal sealed class AddressTable
{
    private readonly Dictionary<Key, (IPAddress From, IPAddress To)> _entries = [];

    public IEnumerable<(IPAddress From, IPAddress To)> Pairs => _entries.Values;

    public void Set(IPAddress from, IPAddress to) => _entries[Key.Of(from)] = (from, to);

    public IPAddress? Get(IPAddress from) => _entries.TryGetValue(Key.Of(from), out var entry) ? entry.To : null;

    /// <summary>Writes the address <paramref name="from"/> maps to into <paramref name="to"/> (room for 16 bytes).</summary>
    public bool TryGet(ReadOnlySpan<byte> from, Span<byte> to, out int length)
    {
        length = 0;
        return from.Length is 4 or 16 && _entries.TryGetValue(Key.Of(from), out var entry) && entry.To.TryWriteBytes(to, out length);
    }

    /// <summary>An address as a value: its bytes (IPv4 in the low 32 bits) and its length.</summary>
    private readonly record struct Key(UInt128 Value, int Length)
    {
        public static Key Of(IPAddress address)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out var length);
            return Of(bytes[..length]);
        }

        public static Key Of(ReadOnlySpan<byte> bytes) => bytes.Length == 16
            ? new Key(BinaryPrimitives.ReadUInt128BigEndian(bytes), 16)
            : new Key(BinaryPrimitives.ReadUInt32BigEndian(bytes), 4);
    }
}
