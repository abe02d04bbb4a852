using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Capture;

public sealed class PcapReaderFormatTests
{
    [Theory]
    [InlineData(false, false, CaptureFileFormat.PcapMicroseconds)] // what libpcap writes on x86
    [InlineData(true, false, CaptureFileFormat.PcapMicroseconds)]  // written on a big-endian host
    [InlineData(false, true, CaptureFileFormat.PcapNanoseconds)]   // tcpdump --time-stamp-precision=nano
    [InlineData(true, true, CaptureFileFormat.PcapNanoseconds)]    // nano magic, big-endian
    public void ReadPackets_ClassicPcapAnyByteOrderAndPrecision_ReturnsPacketsAndTimestamps(bool bigEndian, bool nano, CaptureFileFormat format)
    {
        // Given: two raw-IP records at 1.5 s and 2.25 s
        var v4 = SamplePackets.Ipv4();
        var v6 = SamplePackets.Ipv6();
        var file = CaptureBytes.Classic(LinkTypes.Raw, bigEndian, nano)
            .Record(1, nano ? 500_000_000u : 500_000u, v4)
            .Record(2, nano ? 250_000_000u : 250_000u, v6)
            .ToArray();

        // When
        var (packets, reader) = CaptureTestHelper.ReadAll(file);

        // Then
        reader.Format.Should().Be(format);
        packets.Should().HaveCount(2);
        packets[0].Index.Should().Be(0);
        packets[0].Timestamp.Should().Be(DateTimeOffset.UnixEpoch.AddSeconds(1.5));
        packets[0].Ip.ToArray().Should().Equal(v4);
        packets[0].IpVersion.Should().Be(4);
        packets[1].Index.Should().Be(1);
        packets[1].Timestamp.Should().Be(DateTimeOffset.UnixEpoch.AddSeconds(2.25));
        packets[1].Ip.ToArray().Should().Equal(v6);
        packets[1].LinkType.Should().Be(LinkTypes.Raw);
        packets.Should().OnlyContain(p => !p.IsTruncated);
    }

    [Theory]
    [InlineData(false)] // little-endian section
    [InlineData(true)]  // big-endian section
    public void ReadPackets_PcapNgWithTwoInterfacesOfDifferentLinkTypes_StripsEachLinkHeader(bool bigEndian)
    {
        // Given: interface 0 is Ethernet (µs), interface 1 raw IP with nanosecond resolution; an NRB to skip; an SPB
        var v4 = SamplePackets.Ipv4(30);
        var v6 = SamplePackets.Ipv6(3);
        var file = CaptureBytes.PcapNg(bigEndian)
            .Interface(LinkTypes.Ethernet)
            .Interface(LinkTypes.Raw, tsResolution: 9)
            .Block(4, new byte[4])
            .Enhanced(0, 3_000_000, SamplePackets.Ethernet(0x0800, v4))
            .Enhanced(1, 4_000_000_001, v6)
            .Simple(SamplePackets.Ethernet(0x86DD, v6))
            .ToArray();

        // When
        var (packets, reader) = CaptureTestHelper.ReadAll(file, "two-ifaces.pcapng");

        // Then
        reader.Format.Should().Be(CaptureFileFormat.PcapNg);
        packets.Select(p => p.Index).Should().Equal(0, 1, 2);
        packets[0].Ip.ToArray().Should().Equal(v4);
        packets[0].LinkType.Should().Be(LinkTypes.Ethernet);
        packets[0].Timestamp.Should().Be(DateTimeOffset.UnixEpoch.AddSeconds(3));
        packets[1].Ip.ToArray().Should().Equal(v6);
        packets[1].LinkType.Should().Be(LinkTypes.Raw);
        packets[1].Timestamp.Should().Be(DateTimeOffset.UnixEpoch.AddSeconds(4));
        packets[2].Ip.ToArray().Should().Equal(v6);
    }

    [Fact]
    public void ReadPackets_PcapNgSecondSection_ResetsInterfacesAndByteOrder()
    {
        // Given: a little-endian section with Ethernet, then a big-endian section whose interface 0 is raw IP
        var v4 = SamplePackets.Ipv4();
        var file = CaptureBytes.PcapNg(bigEndian: false)
            .Interface(LinkTypes.Ethernet)
            .Enhanced(0, 0, SamplePackets.Ethernet(0x0800, v4))
            .Section(bigEndian: true)
            .Interface(LinkTypes.Raw)
            .Enhanced(0, 0, v4)
            .ToArray();

        // When
        var (packets, _) = CaptureTestHelper.ReadAll(file);

        // Then
        packets.Should().HaveCount(2);
        packets.Select(p => p.LinkType).Should().Equal(LinkTypes.Ethernet, LinkTypes.Raw);
        packets.Should().OnlyContain(p => p.Ip.ToArray().SequenceEqual(v4));
    }

    [Fact]
    public void ReadPackets_SnapLengthCut_FlagsPacketAndCounts()
    {
        // Given: a record whose captured length (28) is below its original length (1500)
        var v4 = SamplePackets.Ipv4(1480);
        var file = CaptureBytes.Classic(LinkTypes.Raw).Record(0, 0, v4[..28], originalLength: 1500).Record(0, 0, SamplePackets.Ipv4()).ToArray();

        // When
        var (packets, reader) = CaptureTestHelper.ReadAll(file);

        // Then
        packets[0].IsTruncated.Should().BeTrue();
        packets[0].OriginalLength.Should().Be(1500);
        packets[0].Ip.Length.Should().Be(28);
        packets[1].IsTruncated.Should().BeFalse();
        reader.TruncatedPackets.Should().Be(1);
    }

    [Fact]
    public void ReadPackets_NonSeekableStream_StreamsRecords()
    {
        // Given: a stream that refuses Seek and Length
        var file = CaptureBytes.Classic(LinkTypes.Raw).Record(0, 0, SamplePackets.Ipv4()).Record(0, 0, SamplePackets.Ipv6()).ToArray();
        using var reader = new PcapReader(new ForwardOnlyStream(file), "pipe");

        // When
        var count = reader.ReadPackets().Count();

        // Then
        count.Should().Be(2);
    }

    [Fact]
    public void ReadPackets_EnumeratedTwice_Throws()
    {
        // Given
        using var reader = new PcapReader(new MemoryStream(CaptureBytes.Classic(LinkTypes.Raw).ToArray()), "once.pcap");
        _ = reader.ReadPackets().ToList();

        // When
        var act = () => reader.ReadPackets();

        // Then
        act.Should().Throw<InvalidOperationException>().WithMessage("*once.pcap*once*");
    }

    [Fact]
    public void ReadPackets_PacketKeptAfterMoveNext_StillHoldsItsBytes()
    {
        // Given: records with different payloads, so a shared buffer would show up as overwritten bytes
        var first = SamplePackets.Ipv4(8, 0x11);
        var file = CaptureBytes.Classic(LinkTypes.Raw).Record(0, 0, first).Record(0, 0, SamplePackets.Ipv4(8, 0x22)).ToArray();

        // When
        var (packets, _) = CaptureTestHelper.ReadAll(file);

        // Then
        packets[0].Ip.ToArray().Should().Equal(first);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
