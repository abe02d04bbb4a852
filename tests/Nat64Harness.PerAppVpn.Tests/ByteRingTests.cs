using Nat64Harness.PerAppVpn.Sessions;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>The growable ring behind both directions of a TCP flow.</summary>
public sealed class ByteRingTests
{
    [Fact]
    public void Write_BeyondTheInitialCapacity_GrowsAndKeepsTheOrder_AcrossAWrap()
    {
        // Given a ring whose head moved, so its data wraps
        var ring = new ByteRing(8, 64);
        ring.Write(Bytes(0, 6));
        ring.Consume(5);
        ring.Write(Bytes(6, 6)); // 1 + 6 bytes, wrapped in the 8-byte array

        // When more arrives than the array holds
        var written = ring.Write(Bytes(12, 20));

        // Then it grew, and the bytes read back in order
        written.Should().Be(20);
        ring.Capacity.Should().Be(32);
        ReadAll(ring).Should().Equal(Bytes(5, 27));
    }

    [Fact]
    public void Write_PastTheMaximum_StopsThere()
    {
        var ring = new ByteRing(8, 16);

        var written = ring.Write(Bytes(0, 40));

        written.Should().Be(16);
        ring.Free.Should().Be(0);
        ring.Capacity.Should().Be(16);
    }

    [Fact]
    public void Free_CountsTheRoomTheRingMayGrowInto()
    {
        var ring = new ByteRing(8, 1024);
        ring.Write(Bytes(0, 5));

        ring.Free.Should().Be(1019);
        ring.Capacity.Should().Be(8, "nothing is allocated before it is needed");
    }

    [Fact]
    public void FreeContiguous_MoreThanHalfFull_GrowsFirst()
    {
        var ring = new ByteRing(16, 64);
        ring.Write(Bytes(0, 9));

        var region = ring.FreeContiguous();

        ring.Capacity.Should().Be(32);
        region.Length.Should().Be(23);
    }

    [Fact]
    public void FreeContiguous_HalfFullOrLess_DoesNotGrow()
    {
        var ring = new ByteRing(16, 64);
        ring.Write(Bytes(0, 8));

        var region = ring.FreeContiguous();

        ring.Capacity.Should().Be(16);
        region.Length.Should().Be(8);
    }

    [Fact]
    public void DataRegionHandedOutBeforeGrowth_StillHoldsTheSameBytes()
    {
        // Given the upload pump holding the head of the data (it sends without the lock)
        var ring = new ByteRing(8, 64);
        ring.Write(Bytes(0, 8));
        var handed = ring.DataContiguous();

        // When the app's next segment makes the ring grow
        ring.Write(Bytes(8, 8));

        // Then the pump's region is unchanged, and consuming it leaves exactly the rest
        handed.ToArray().Should().Equal(Bytes(0, 8));
        ring.Consume(handed.Length);
        ReadAll(ring).Should().Equal(Bytes(8, 8));
    }

    [Fact]
    public void FixedRing_NeverGrows()
    {
        var ring = new ByteRing(16);
        ring.Write(Bytes(0, 12));

        ring.FreeContiguous().Length.Should().Be(4);
        ring.Write(Bytes(0, 10)).Should().Be(4);
        ring.Capacity.Should().Be(16);
    }

    private static byte[] Bytes(int start, int count) => Enumerable.Range(start, count).Select(i => (byte)i).ToArray();

    private static byte[] ReadAll(ByteRing ring)
    {
        ring.Peek(0, ring.Count, out var first, out var second);
        return [.. first, .. second];
    }
}
