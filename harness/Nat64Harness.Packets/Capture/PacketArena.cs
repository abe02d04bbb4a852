namespace Nat64Harness.Capture;

/// <summary>
/// Owned copies of packets, carved one after another out of shared 32 KiB blocks: a copy is as long as its packet (no
/// array header each), and the collector sees one object per few hundred packets instead of one per packet.
/// </summary>
/// <remarks>
/// A copy is never written again, so it stays valid for as long as anyone holds it; the price is that a copy kept for
/// long keeps its whole block alive (see <see cref="Detach"/>). Blocks stay below the large-object threshold so that
/// short-lived ones die young.
/// </remarks>
internal sealed class PacketArena
{
    private const int BlockSize = 32 * 1024;
    private byte[] _block = [];
    private int _used;

    /// <summary>An owned copy of <paramref name="bytes"/>.</summary>
    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > BlockSize / 4)
        {
            return bytes.ToArray(); // a jumbo frame would waste most of a block
        }

        if (_block.Length - _used < bytes.Length)
        {
            _block = new byte[BlockSize];
            _used = 0;
        }

        var copy = _block.AsMemory(_used, bytes.Length);
        bytes.CopyTo(copy.Span);
        _used += bytes.Length;
        return copy;
    }

    /// <summary>
    /// <paramref name="bytes"/>, copied into an array of their own when they share a block: for a packet kept long
    /// after its neighbours are gone (a report row), so that it does not hold their block.
    /// </summary>
    public static ReadOnlyMemory<byte> Detach(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array!.Length > bytes.Length
            ? bytes.ToArray()
            : bytes;
}
