using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Capture;

/// <summary>Frame-level reading, for audits of the link layer: every frame, IP or not, with its link header.</summary>
public sealed class PcapReaderFrameTests
{
    private static readonly byte[] Arp = [.. new byte[12], 0x08, 0x06, .. new byte[28]]; // EtherType 0x0806: ARP, no IP

    [Fact]
    public void ReadFrames_EthernetWithArpAndIp_ReturnsEveryFrameWithItsHeader()
    {
        // Given an Ethernet capture holding ARP between two IP packets
        var file = Write(LinkTypes.Ethernet, w =>
        {
            w.WriteIp(DateTimeOffset.UnixEpoch, SamplePackets.Ipv4());
            w.Write(DateTimeOffset.UnixEpoch, Arp);
            w.WriteIp(DateTimeOffset.UnixEpoch, SamplePackets.Ipv6());
        });
        using var reader = new PcapReader(new MemoryStream(file), "frames.pcap");

        // When its frames are read
        var frames = reader.ReadFrames().ToList();

        // Then all three come back, numbered as Wireshark numbers them, the ARP one without IP
        frames.Select(f => f.Index).Should().Equal(0, 1, 2);
        frames[1].Data.ToArray().Should().Equal(Arp);
        frames[1].TryGetIp(out _).Should().BeFalse();
        frames[0].TryGetIp(out var ip).Should().BeTrue();
        ip.ToArray().Should().Equal(SamplePackets.Ipv4());
        frames[2].Data.Length.Should().Be(14 + SamplePackets.Ipv6().Length, "the Ethernet header stays");
        reader.NonIpFrames.Should().Be(1);
    }

    [Fact]
    public void ReadFrames_AfterReadPackets_IsRefused()
    {
        var file = Write(LinkTypes.Raw, w => w.WriteIp(DateTimeOffset.UnixEpoch, SamplePackets.Ipv4()));
        using var reader = new PcapReader(new MemoryStream(file), "once.pcap");
        _ = reader.ReadPackets().ToList();

        var again = () => reader.ReadFrames();

        again.Should().Throw<InvalidOperationException>().WithMessage("once.pcap*once*");
    }

    [Fact]
    public void ReadFrames_TruncatedRecord_FailsWithTheFileName()
    {
        var file = Write(LinkTypes.Raw, w => w.WriteIp(DateTimeOffset.UnixEpoch, SamplePackets.Ipv4()));
        using var reader = new PcapReader(new MemoryStream(file[..^5]), "cut.pcap");

        var read = () => reader.ReadFrames().ToList();

        read.Should().Throw<PcapFormatException>().Which.Message.Should().Contain("cut.pcap");
    }

    private static byte[] Write(int linkType, Action<PcapWriter> frames)
    {
        var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, linkType, leaveOpen: true))
        {
            frames(writer);
        }

        return stream.ToArray();
    }
}
