using System.Buffers.Binary;
using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;
using Nat64Harness.PerAppVpn.Tests.Support;
using Nat64Harness.PerAppVpn.Tun;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>The TUN's offload header (IFF_VNET_HDR): how it is read, written, and what it changes in parsing.</summary>
public sealed class OffloadTests
{
    [Fact]
    public void VirtioNetHeader_WritesAndReadsLittleEndianAtTheKernelsOffsets()
    {
        var header = new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, VirtioNetHeader.GsoTcpV6, 60, 1440, 40, 16);
        var bytes = new byte[VirtioNetHeader.Length];

        header.Write(bytes);

        bytes.Should().Equal(1, 4, 60, 0, 0xA0, 0x05, 40, 0, 16, 0); // flags, gso_type, hdr_len, gso_size, csum_start, csum_offset
        VirtioNetHeader.Read(bytes).Should().Be(header);
    }

    [Theory]
    [InlineData(VirtioNetHeader.NeedsChecksum, true)]
    [InlineData(VirtioNetHeader.DataValid, true)]
    [InlineData(0, false)]
    public void VirtioNetHeader_ChecksumTrusted_OnlyWhenTheKernelSaysSo(byte flags, bool trusted)
    {
        new VirtioNetHeader(flags, 0, 0, 0, 0, 0).ChecksumTrusted.Should().Be(trusted);
    }

    [Theory]
    [InlineData(true, VirtioNetHeader.GsoTcpV6, 60)]
    [InlineData(false, VirtioNetHeader.GsoTcpV4, 40)]
    public void OffloadHeader_SuperSegment_NamesTheFamilyHeadersAndMss(bool v6, byte gsoType, int headers)
    {
        var packet = Requests.Tcp(v6, 1, 2, 0x10, new byte[3000]);

        var header = TunWriter.OffloadHeader(packet, 1440);

        header.Should().Be(new VirtioNetHeader(0, gsoType, (ushort)headers, 1440, 0, 0), "checksums are complete: no NEEDS_CSUM");
    }

    [Theory]
    [InlineData(1440, 1440)] // payload not larger than the segment size: the kernel would refuse it as GSO
    [InlineData(1000, 0)] // not marked as a super-segment
    public void OffloadHeader_NotASuperSegment_IsPlain(int payload, int segmentSize)
    {
        var packet = Requests.Tcp(true, 1, 2, 0x10, new byte[payload]);

        TunWriter.OffloadHeader(packet, segmentSize).Should().Be(VirtioNetHeader.Plain);
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 6)]
    [InlineData(true, 17)]
    [InlineData(false, 17)]
    public void Parse_PartialChecksumTheKernelLeft_IsAcceptedWhenTrusted(bool v6, byte protocol)
    {
        var packet = WithPartialChecksum(v6, protocol);

        PacketParser.TryParse(packet, out var p, out var reason, transportChecksumTrusted: true).Should().BeTrue(reason.ToString());
        p.ChecksumTrusted.Should().BeTrue();
    }

    [Theory]
    [InlineData(true, 6, DropReason.TcpBadChecksum)]
    [InlineData(false, 6, DropReason.TcpBadChecksum)]
    [InlineData(true, 17, DropReason.UdpBadChecksum)]
    [InlineData(false, 17, DropReason.UdpBadChecksum)]
    public void Parse_PartialChecksum_IsDroppedWhenNotTrusted(bool v6, byte protocol, DropReason expected)
    {
        var packet = WithPartialChecksum(v6, protocol);

        PacketParser.TryParse(packet, out _, out var reason).Should().BeFalse();
        reason.Should().Be(expected);
    }

    [Fact]
    public void Engine_SynWithPartialChecksum_OpensAFlowOnlyWhenTheTunVouches()
    {
        var stats = new VpnStats();
        var engine = new VpnEngine(new VpnConfig("nat64h0", 1500, Fault.None, null, "/dev/null", 0), new CapturingSink(), stats, _ => new FakeUpstream());
        var syn = WithPartialChecksum(true, 6);

        engine.Handle(syn);
        stats[Counter.TcpSessionsOpened].Should().Be(0);
        stats[DropReason.TcpBadChecksum].Should().Be(1);

        engine.Handle(syn, checksumTrusted: true);
        stats[Counter.TcpSessionsOpened].Should().Be(1);
    }

    /// <summary>What the app's kernel writes with checksum offload: the transport checksum field holds the pseudo-header sum only.</summary>
    private static byte[] WithPartialChecksum(bool v6, byte protocol)
    {
        var packet = protocol == 6 ? Requests.Tcp(v6, 1000, 0, 0x02, mss: 1440) : Requests.Udp(v6, new byte[100]);
        var l4 = v6 ? 40 : 20;
        var offset = l4 + (protocol == 6 ? 16 : 6);
        byte[] pseudoHeader = v6
            ? [.. packet[8..40], 0, 0, 0, (byte)(packet.Length - l4), 0, 0, 0, protocol]
            : [.. packet[12..20], 0, protocol, 0, (byte)(packet.Length - l4)];
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset), (ushort)~IndependentChecksum.Compute(pseudoHeader));
        return packet;
    }
}
