using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Tests.Support;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>The RFC 1071 sum, whose vector path covers whole 32-byte blocks and the scalar path the rest.</summary>
public sealed class ChecksumTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1500)]
    [InlineData(64_861)]
    [InlineData(600_001)] // past one 512 KiB run of vector lanes
    public void Add_AnyLength_MatchesAnIndependentWordByWordSum(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        Checksum.Finish(Checksum.Add(0, data)).Should().Be(IndependentChecksum.Compute(data));
    }

    [Fact]
    public void Add_AllOnes_FoldsTheCarriesOfEveryLane()
    {
        var data = Enumerable.Repeat((byte)0xFF, 1_200_000).ToArray(); // without a fold every 512 KiB, 32-bit lanes would overflow

        Checksum.Finish(Checksum.Add(0, data)).Should().Be(IndependentChecksum.Compute(data));
    }

    [Fact]
    public void Add_AfterARunningSum_ContinuesIt()
    {
        var data = new byte[4096];
        new Random(1071).NextBytes(data);

        var split = Checksum.Add(Checksum.Add(0, data.AsSpan(0, 2048)), data.AsSpan(2048));

        Checksum.Finish(split).Should().Be(IndependentChecksum.Compute(data));
    }

    [Fact]
    public void Add_OneByteChanged_ChangesTheSum()
    {
        var data = new byte[4096];
        new Random(7).NextBytes(data);
        var before = Checksum.Finish(Checksum.Add(0, data));

        data[1000] ^= 0x01;

        Checksum.Finish(Checksum.Add(0, data)).Should().NotBe(before);
    }
}
