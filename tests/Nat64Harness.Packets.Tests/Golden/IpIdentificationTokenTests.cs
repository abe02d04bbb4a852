using System.Buffers.Binary;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Golden;
using Nat64Harness.Packets;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Golden;

/// <summary>
/// The IPv4 identification of unfragmented packets is numbered per source address. Evidence: run 15 of a 20-run soak
/// (TestData/tayga-icmp-echo-ipid-wrap-*.pcap, captured live through Tayga 0.9.2) failed its golden comparison only
/// because the echo server's identification counter went 65535 → 0 and 0 is what Tayga sends: one numbering for
/// every sender made that chance equality look like a changed translation.
/// </summary>
public sealed class IpIdentificationTokenTests
{
    private const string GoldenFixture = "live-tayga-icmpv6-echo";
    private const int IdentificationOffset = 4;

    [Fact]
    public void ComparePair_RealTaygaRunWhoseEchoServerIdWrapsOntoTaygasZero_Matches()
    {
        // Given: the live golden pair, and a live run whose v4 side reads ids 0, 65535, 0, 0 (Tayga, echo, Tayga, echo)
        var golden = GoldenPair();
        var actual = SoakRun();
        actual.After.Select(p => BinaryPrimitives.ReadUInt16BigEndian(p.Ip.Span[IdentificationOffset..])).Should().Equal(0, 65535, 0, 0);

        // When
        var comparison = GoldenComparer.ComparePair(golden, actual);

        // Then
        comparison.Matches.Should().BeTrue(comparison.ToString());
    }

    [Fact]
    public void ComparePair_TranslatorIdNoLongerConstant_ReportsTheTranslatorsPacket()
    {
        // Given: the same real run, with the translator's second packet (v4 index 2) carrying another id than its first
        var run = SoakRun();
        var actual = run with { After = WithIdentification(run.After, 2, 0x1234) };

        // When
        var comparison = GoldenComparer.ComparePair(GoldenPair(), actual);

        // Then
        comparison.Differences.Should().ContainSingle().Which.Should().Be(new GoldenDifference(2, FieldNames.Ipv4Identification, "ipid#1", "ipid#2", "after"));
    }

    [Fact]
    public void ComparePair_SenderRepeatsAnIdItDidNotRepeatInTheGoldenRun_ReportsTheRepeat()
    {
        // Given: the echo server's second reply (v4 index 3) with the same id as its first (golden: two distinct ids)
        var run = SoakRun();
        var actual = run with { After = WithIdentification(run.After, 3, 65535) };

        // When
        var comparison = GoldenComparer.ComparePair(GoldenPair(), actual);

        // Then
        comparison.Differences.Should().ContainSingle().Which.Should().Be(new GoldenDifference(3, FieldNames.Ipv4Identification, "ipid#2", "ipid#1", "after"));
    }

    [Fact]
    public void Compare_TwoSendersShareAnIdByChance_MatchesARunWhereTheyDoNot()
    {
        // Given: golden — the pool and the server both send id 7; actual — they send 7 and 9
        var toServer = new TestPacket { Source = TranslationPairs.Pool4, Destination = TranslationPairs.Server4, Identification = 7, Upper = new UdpSpec(40000, 7, TranslationPairs.Data) };
        var toPool = new TestPacket { Source = TranslationPairs.Server4, Destination = TranslationPairs.Pool4, Identification = 7, Upper = new UdpSpec(7, 40000, TranslationPairs.Data) };

        // When
        var comparison = GoldenComparer.Compare([Packet(toServer, 0), Packet(toPool, 1)], [Packet(toServer, 0), Packet(toPool with { Identification = 9 }, 1)]);

        // Then
        comparison.Matches.Should().BeTrue(comparison.ToString());
    }

    private static CapturedPacket Packet(TestPacket p, long index) => new(index, DateTimeOffset.UnixEpoch.AddSeconds(index), p.Build(), 0, LinkTypes.Raw);

    private static CapturePair GoldenPair()
    {
        var folder = Path.Combine(RepositoryPaths.Fixtures, GoldenFixture);
        return new CapturePair(Read(Path.Combine(folder, "before.pcap")), Read(Path.Combine(folder, "after.pcap")));
    }

    private static CapturePair SoakRun()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData");
        return new CapturePair(Read(Path.Combine(folder, "tayga-icmp-echo-ipid-wrap-v6.pcap")), Read(Path.Combine(folder, "tayga-icmp-echo-ipid-wrap-v4.pcap")));
    }

    private static List<CapturedPacket> Read(string path)
    {
        using var reader = PcapReader.Open(path);
        return reader.ReadPackets().Select(p => p with { Ip = p.Ip.ToArray() }).ToList();
    }

    /// <summary>Copy of <paramref name="packets"/> with one IPv4 packet's identification replaced and its header checksum made valid again.</summary>
    private static List<CapturedPacket> WithIdentification(IReadOnlyList<CapturedPacket> packets, int index, ushort identification)
    {
        var copy = packets.ToList();
        var ip = copy[index].Ip.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(IdentificationOffset), identification);
        var headerLength = (ip[0] & 0x0f) * 4;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), 0);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), (ushort)~InternetChecksum.Fold(InternetChecksum.Sum(ip.AsSpan(0, headerLength))));
        copy[index] = copy[index] with { Ip = ip };
        return copy;
    }
}
