using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Capture;

public sealed class ThirdPartyFileTests
{
    [Theory]
    [InlineData("udp-echo-v6-side.editcap.pcapng", CaptureFileFormat.PcapNg)]              // Wireshark's pcapng writer: SHB/IDB options, EPB
    [InlineData("udp-echo-v6-side.editcap-nsec.pcap", CaptureFileFormat.PcapNanoseconds)] // Wireshark's nanosecond classic writer
    public void ReadPackets_FileWrittenByEditcap_MatchesOriginalFixture(string file, CaptureFileFormat format)
    {
        // Given: the same packets as a fixture written by this library
        using var original = PcapReader.Open(Path.Combine(RepositoryPaths.Fixtures, "udp-echo-both-directions", "before.pcap"));
        var expected = original.ReadPackets().ToList();

        // When
        using var reader = PcapReader.Open(Path.Combine(AppContext.BaseDirectory, "TestData", file));
        var packets = reader.ReadPackets().ToList();

        // Then
        reader.Format.Should().Be(format);
        packets.Select(p => p.Timestamp).Should().Equal(expected.Select(p => p.Timestamp));
        packets.Select(p => Convert.ToHexString(p.Ip.Span)).Should().Equal(expected.Select(p => Convert.ToHexString(p.Ip.Span)));
    }
}
