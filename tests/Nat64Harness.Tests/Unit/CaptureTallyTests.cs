using System.Net;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;
using Nat64Harness.Tests.Support;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The count of every packet a capture point sees: a packet a receiver must drop is counted and described, one
/// field broken at a time; clean packets count as nothing wrong.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CaptureTallyTests
{
    private static readonly IPAddress App = IPAddress.Parse("2001:db8:5:77::2");
    private static readonly IPAddress Echo = IPAddress.Parse("64:ff9b::6440:50a");
    private static readonly IPNetwork Prefix = IPNetwork.Parse("64:ff9b::/96");
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);

    [Fact]
    public void Add_CleanPacketsBothWays_CountsThemByDirection_AndNothingBad()
    {
        var tally = new CaptureTally([Prefix]);

        tally.Add(T0, TestPackets.Udp6(App, 40000, Echo, 7, new byte[301]), false, null);
        tally.Add(T0, TestPackets.Udp6(Echo, 7, App, 40000, new byte[301]), false, null);
        tally.Add(T0, TestPackets.Tcp6(App, 40001, Echo, 7, 1000, 0x18, new byte[11]), false, null);
        var summary = tally.Summarize(3, null, null);

        summary.Outbound.Packets.Should().Be(2);
        summary.Inbound.Packets.Should().Be(1);
        summary.Outbound.Largest.Should().Be(349);
        (summary.Outbound.BadChecksums + summary.Inbound.BadChecksums + summary.Outbound.BadLengths).Should().Be(0);
        summary.Omitted.Should().Be(0);
    }

    [Fact]
    public void Add_BadTcpChecksumOnOddSegment_IsCountedAsOddAndDescribed()
    {
        var tally = new CaptureTally([Prefix]);

        tally.Add(T0, TestPackets.WithBadChecksum(TestPackets.Tcp6(Echo, 7, App, 40001, 5000, 0x18, new byte[1021]), 16), false, null);
        tally.Add(T0, TestPackets.WithBadChecksum(TestPackets.Tcp6(Echo, 7, App, 40001, 6021, 0x18, new byte[1000]), 16), false, null);
        var inbound = tally.Summarize(2, null, null).Inbound;

        inbound.BadChecksums.Should().Be(2);
        inbound.BadChecksumsOddLength.Should().Be(1);
        inbound.Examples[0].Should().Contain("TCP checksum does not verify").And.Contain("1041-byte odd-length segment");
    }

    [Fact]
    public void Add_PayloadLengthBeyondTheBytes_IsABadLength()
    {
        var packet = TestPackets.Udp6(Echo, 7, App, 40000, new byte[20]);
        packet[5] += 8;

        var tally = new CaptureTally([Prefix]);
        tally.Add(T0, packet, false, null);

        tally.Summarize(1, null, null).Inbound.Examples.Should().ContainSingle().Which.Should().Contain("payload length 36, but 28 bytes follow");
    }

    [Fact]
    public void Add_CutBySnapLength_IsNotJudgedForLengthOrChecksum()
    {
        var packet = TestPackets.Udp6(Echo, 7, App, 40000, new byte[200]);

        var tally = new CaptureTally([Prefix]);
        tally.Add(T0, packet.AsSpan(0, 96), cut: true, null);

        var inbound = tally.Summarize(1, null, null).Inbound;
        (inbound.BadChecksums + inbound.BadLengths).Should().Be(0);
    }

    [Fact]
    public void Add_ZeroUdpChecksumInIpv6_IsBad()
    {
        var packet = TestPackets.Udp6(App, 40000, Echo, 7, new byte[10]);
        packet[46] = packet[47] = 0;

        var tally = new CaptureTally([Prefix]);
        tally.Add(T0, packet, false, null);

        tally.Summarize(1, null, null).Outbound.Examples.Should().ContainSingle().Which.Should().Contain("checksum 0 (RFC 8200 §8.1");
    }

    [Theory]
    [InlineData(false, 46)] // UDP
    [InlineData(true, 56)]  // TCP
    public void Add_ChecksumLeftToOffload_TowardTheEchoServer_IsNotBad_ButTowardTheProbeIs(bool tcp, int field)
    {
        // Given a packet whose checksum holds only the pseudo-header's sum, as a sending kernel leaves it for its device
        // (measured on a per-app VPN's TUN: every packet the app sent), and the same sum on a reply, where nothing completes it
        var outbound = tcp ? TestPackets.Tcp6(App, 40001, Echo, 7, 1000, 0x18, new byte[1024]) : TestPackets.Udp6(App, 40000, Echo, 7, new byte[1024]);
        var inbound = tcp ? TestPackets.Tcp6(Echo, 7, App, 40001, 1000, 0x18, new byte[1024]) : TestPackets.Udp6(Echo, 7, App, 40000, new byte[1024]);
        (outbound[field], outbound[field + 1]) = PseudoHeaderSum(outbound);
        (inbound[field], inbound[field + 1]) = PseudoHeaderSum(inbound);

        var tally = new CaptureTally([Prefix]);
        tally.Add(T0, outbound, false, null);
        tally.Add(T0, inbound, false, null);
        var summary = tally.Summarize(2, null, null);

        // Then the one in flight toward the echo server is not counted bad; the reply is
        summary.Outbound.BadChecksums.Should().Be(0);
        summary.Inbound.BadChecksums.Should().Be(1);
    }

    [Fact]
    public void Add_OtherWrongChecksum_TowardTheEchoServer_IsBad()
    {
        // The negative: only the pseudo-header's sum is taken for an offload; any other wrong value is a bad checksum
        var packet = TestPackets.Udp6(App, 40000, Echo, 7, new byte[1024]);
        var (high, low) = PseudoHeaderSum(packet);
        (packet[46], packet[47]) = (high, (byte)(low ^ 0x01));

        var tally = new CaptureTally([Prefix]);
        tally.Add(T0, packet, false, null);

        tally.Summarize(1, null, null).Outbound.BadChecksums.Should().Be(1);
    }

    /// <summary>The folded pseudo-header sum (RFC 8200 §8.1) of an IPv6 packet, as two bytes: computed here word by word.</summary>
    private static (byte High, byte Low) PseudoHeaderSum(byte[] packet)
    {
        var length = (packet[4] << 8) | packet[5];
        long sum = packet[6] + length;
        for (var i = 8; i < 40; i += 2)
        {
            sum += (packet[i] << 8) | packet[i + 1];
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return ((byte)(sum >> 8), (byte)sum);
    }

    [Fact]
    public void Add_SegmentSentAgain_IsARetransmission_AndStreamBytesCountOnce()
    {
        var tally = new CaptureTally([Prefix]);

        tally.Add(T0, TestPackets.Tcp6(App, 40001, Echo, 7, 999, 0x02, []), false, null);       // SYN
        tally.Add(T0, TestPackets.Tcp6(App, 40001, Echo, 7, 1000, 0x18, new byte[1000]), false, null);
        tally.Add(T0, TestPackets.Tcp6(App, 40001, Echo, 7, 2000, 0x18, new byte[1000]), false, null);
        tally.Add(T0, TestPackets.Tcp6(App, 40001, Echo, 7, 1000, 0x18, new byte[1000]), false, null); // again
        var outbound = tally.Summarize(4, null, null).Outbound;

        outbound.TcpSegments.Should().Be(3);
        outbound.TcpRetransmissions.Should().Be(1);
        outbound.TcpStreamBytes.Should().Be(2000);
        outbound.TcpPayloadBytes.Should().Be(3000);
    }

    [Fact]
    public void Add_PacketTooBigToTheEchoServersAddress_IsOutbound_WithItsMtu()
    {
        var server = IPAddress.Parse("2001:db8:5::30");
        var reply = TestPackets.Udp6(Echo, 7, App, 40000, new byte[1400]);

        var tally = new CaptureTally([Prefix]);
        tally.Add(T0, TestPackets.PacketTooBig6(server, Echo, 1420, reply), false, null);

        var error = tally.Summarize(1, null, null).IcmpErrors.Should().ContainSingle().Subject;
        (error.Direction, error.Type, error.Mtu, error.Source).Should().Be((TrafficDirection.Outbound, 2, 1420, server));
        error.Name.Should().Be("Packet Too Big (MTU 1420)");
    }

    [Fact]
    public void Add_DirectionFromTheLinkLayer_WinsOverAddresses()
    {
        var tally = new CaptureTally([Prefix]);

        // A response the VPN wrote without swapping its addresses looks outbound; the cooked header says it came in.
        tally.Add(T0, TestPackets.Udp6(App, 40000, Echo, 7, new byte[4]), false, TrafficDirection.Inbound);

        tally.Summarize(1, null, null).Inbound.Packets.Should().Be(1);
    }

    [Fact]
    public void AddFrame_ArpBesideIp_CountsEveryFrameThePcapHolds_SoItsRecordLoads()
    {
        // Given: an underlay capture's pcap holding an IPv6 packet and an ARP request (once written, not counted: the
        // record said "written 2 of 1 packets" and `nat64h report` refused the folder)
        var arp = new byte[14 + 28];
        arp[12] = 0x08;
        arp[13] = 0x06;
        var frames = new[] { TestPackets.Ethernet(TestPackets.Udp6(App, 40000, Echo, 7, new byte[8])), arp };
        var directory = Directory.CreateTempSubdirectory("nat64h-tally-").FullName;
        try
        {
            var tally = new CaptureTally([Prefix]);
            long written;
            using (var recorder = new BoundedPcapRecorder(Path.Combine(directory, "01-x-underlay.pcap"), LinkTypes.Ethernet, CaptureLimits.Default))
            {
                foreach (var frame in frames)
                {
                    recorder.Add(T0, frame, frame.Length);
                    tally.AddFrame(LinkTypes.Ethernet, T0, frame, cut: false);
                }

                written = recorder.Finish().Written;
            }

            // When
            var summary = tally.Summarize(written, null, null);
            var saved = CaptureRecord.TrySave(Path.Combine(directory, "01-x"), [new CaptureFile(new CapturePoint("underlay"), Path.Combine(directory, "01-x-underlay.pcap"), written) { Summary = summary }]);

            // Then
            (summary.Packets, summary.Written, summary.Outbound.Packets, summary.Inbound.BadLengths).Should().Be((2, 2, 1, 0));
            saved.Should().BeTrue();
            CaptureRecord.Load(CaptureRecord.PathFor(Path.Combine(directory, "01-x"))).Should().ContainKey(new CapturePoint("underlay"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
