using System.Text;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Capture;

public sealed class PcapReaderBadInputTests
{
    [Fact]
    public void Open_EmptyFile_FaultsOnMagic()
    {
        // Given / When
        var fault = CaptureTestHelper.ReadExpectingFault([], "empty.pcap");

        // Then
        fault.FileName.Should().Be("empty.pcap");
        fault.Field.Should().Be("magic");
        fault.PacketIndex.Should().Be(-1);
        fault.Message.Should().Contain("empty file");
    }

    [Theory]
    [InlineData(new byte[] { 0xd4, 0xc3 }, "magic")]                                      // cut inside the magic
    [InlineData(new byte[] { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0 }, "file_header")] // classic header cut at 10 of 24 bytes
    [InlineData(new byte[] { 0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0 }, "block_total_length")]   // pcapng section header cut
    public void Open_TruncatedHeader_FaultsWithHexDump(byte[] file, string field)
    {
        // Given / When
        var fault = CaptureTestHelper.ReadExpectingFault(file, "short.pcap");

        // Then
        fault.Field.Should().Be(field);
        fault.ByteOffset.Should().Be(0);
        fault.Message.Should().Contain("short.pcap").And.Contain("truncated");
        fault.Dump.Should().StartWith("00000000  ");
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: example\r\n\r\n")]       // a text file
    [InlineData("\u0089PNG\r\n\u001a\n\0\0\0\rIHDR")]               // a PNG image
    public void Open_WrongMagic_FaultsNamingMagicAndDumpingBytes(string content)
    {
        // Given
        var file = Encoding.Latin1.GetBytes(content);

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file, "not-a-capture.bin");

        // Then
        fault.Field.Should().Be("magic");
        fault.Message.Should().Contain("not-a-capture.bin").And.Contain("unknown magic");
        fault.Dump.Should().Contain(Convert.ToHexString(file[..4]).ToLowerInvariant()[..2]);
    }

    [Fact]
    public void ReadPackets_TruncatedRecordHeader_FaultsAtRecordOffset()
    {
        // Given: one good record, then 6 bytes of a record header
        var file = CaptureBytes.Classic(LinkTypes.Raw).Record(0, 0, SamplePackets.Ipv4()).Raw(new byte[6]).ToArray();

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file);

        // Then
        fault.PacketIndex.Should().Be(1);
        fault.ByteOffset.Should().Be(24 + 16 + 28);
        fault.Field.Should().Be("record_header");
    }

    [Fact]
    public void ReadPackets_TruncatedRecordData_FaultsWithPartialDump()
    {
        // Given: a record header announcing 28 bytes followed by only 10
        var file = CaptureBytes.Classic(LinkTypes.Raw).Record(0, 0, SamplePackets.Ipv4()[..10], includedLength: 28).ToArray();

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file);

        // Then
        fault.PacketIndex.Should().Be(0);
        fault.ByteOffset.Should().Be(40);
        fault.Field.Should().Be("packet_data");
        fault.Message.Should().Contain("10 of 28");
        fault.Dump.Should().StartWith("00000028  45 00");
    }

    [Theory]
    [InlineData(0xFFFFFFF0u)] // garbage: would be 4 GiB
    [InlineData(0x7FFFFFFFu)] // garbage: would be 2 GiB
    [InlineData(16_777_217u)] // just over the absolute ceiling
    public void ReadPackets_HugeRecordLength_FaultsWithoutAllocating(uint length)
    {
        // Given
        var file = CaptureBytes.Classic(LinkTypes.Raw).Record(0, 0, [], includedLength: length).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file);

        // Then
        fault.Field.Should().Be("incl_len");
        fault.ByteOffset.Should().Be(24 + 8);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20);
    }

    [Fact]
    public void Open_ClassicUnknownLinkType_FaultsOnNetworkField()
    {
        // Given: LINKTYPE_USER0 (147)
        var file = CaptureBytes.Classic(147).ToArray();

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file);

        // Then
        fault.Field.Should().Be("network");
        fault.ByteOffset.Should().Be(20);
        fault.Message.Should().Contain("unsupported link type 147");
    }

    [Fact]
    public void ReadPackets_PcapNgPacketOnUnknownLinkType_Faults()
    {
        // Given: a Bluetooth HCI interface (187) with one packet
        var file = CaptureBytes.PcapNg().Interface(187).Enhanced(0, 0, [1, 2, 3, 4]).ToArray();

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file);

        // Then
        fault.Field.Should().Be("linktype");
        fault.PacketIndex.Should().Be(0);
        fault.Message.Should().Contain("187");
    }

    [Theory]
    [InlineData(0xFFFFFFF0u, null, "block_total_length")] // garbage block length
    [InlineData(13u, null, "block_total_length")]         // not a multiple of 4
    [InlineData(null, 44u, "block_total_length")]         // trailer disagrees with the leading length
    public void ReadPackets_PcapNgBadBlockLength_Faults(uint? declared, uint? trailer, string field)
    {
        // Given
        var file = CaptureBytes.PcapNg().Interface(LinkTypes.Raw).Block(6, new byte[20 + 28], declared, trailer).ToArray();

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file);

        // Then
        fault.Field.Should().Be(field);
        fault.PacketIndex.Should().Be(0);
    }

    [Fact]
    public void ReadPackets_PcapNgPacketBeforeInterface_Faults()
    {
        // Given: an EPB naming interface 0 when no IDB exists
        var file = CaptureBytes.PcapNg().Enhanced(0, 0, SamplePackets.Ipv4()).ToArray();

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file);

        // Then
        fault.Field.Should().Be("interface_id");
    }

    [Fact]
    public void ReadPackets_PcapNgCapturedLengthBeyondBlock_Faults()
    {
        // Given: an EPB claiming 1000 captured bytes inside a 48-byte body
        var body = new CaptureBytes().U32(0).U32(0).U32(0).U32(1000).U32(1000).Raw(SamplePackets.Ipv4()).ToArray();
        var file = CaptureBytes.PcapNg().Interface(LinkTypes.Raw).Block(6, body).ToArray();

        // When
        var fault = CaptureTestHelper.ReadExpectingFault(file);

        // Then
        fault.Field.Should().Be("captured_packet_length");
    }
}
