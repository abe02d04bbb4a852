using Nat64Harness.PerAppVpn.Sessions;
using Nat64Harness.PerAppVpn.Tests.Support;
using static Nat64Harness.PerAppVpn.Tests.Support.TcpDriver;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>TCP super-segments toward an app behind a TUN with segmentation offload: whole MSS, within every window.</summary>
public sealed class SuperSegmentTests
{
    [Fact]
    public void WithOffload_ServerData_LeavesAsOneSuperSegmentOfTheInitialWindow_MarkedWithTheMss()
    {
        // Given a scaled flow to a sink that takes super-segments
        var tcp = new TcpDriver(superSegments: true);
        tcp.Establish(appMss: 1440, windowScale: 7);

        // When the server sends 100 000 bytes
        tcp.Upstream.ServerSends(new byte[100_000]);

        // Then the first flight is the initial congestion window (10 MSS) in one packet, split by the kernel at the MSS
        var sent = tcp.Sink.Packets.Count;
        var segments = tcp.Sink.SegmentSizes.ToArray();
        var packets = tcp.Sink.Take();
        sent.Should().Be(1);
        packets.Single().Parsed.PayloadLength.Should().Be(14_400);
        segments.Single().Should().Be(1440);
        IndependentChecksum.UpperLayerVerifies(packets.Single().Bytes).Should().BeTrue("the checksum covers the whole super-segment");
    }

    [Fact]
    public void WithoutOffload_ServerData_LeavesInMssSizedPlainPackets()
    {
        var tcp = new TcpDriver(superSegments: false);
        tcp.Establish(appMss: 1440, windowScale: 7);

        tcp.Upstream.ServerSends(new byte[100_000]);

        var segments = tcp.Sink.SegmentSizes.ToArray();
        var packets = tcp.Sink.Take();
        packets.Should().HaveCount(10).And.OnlyContain(p => p.Parsed.PayloadLength == 1440);
        segments.Should().OnlyContain(s => s == 0);
    }

    [Fact]
    public void WithOffload_AfterTheWindowGrows_SuperSegmentsStayWithinTheIpLengthField()
    {
        // Given a flow whose congestion window grew past 64 KiB, and a server with much more to send
        var tcp = new TcpDriver(superSegments: true);
        tcp.Establish(appMss: 1440, windowScale: 7);
        var acked = OurIsn + 1;
        tcp.Upstream.ServerSends(new byte[1_000_000]);
        for (var round = 0; round < 6; round++)
        {
            foreach (var (_, parsed) in tcp.Sink.Take())
            {
                acked = parsed.TcpSequence + (uint)parsed.PayloadLength;
            }

            tcp.AppSends(ClientIsn + 1, acked, Ack, window: 16_000); // 16 000 << 7: about 2 MB
            tcp.Upstream.ServerSends(new byte[1_000_000]);
        }

        // Then the largest packets carry 45 whole segments (64 800 bytes), within the IPv6 payload length field
        var packets = tcp.Sink.Take();
        packets.Should().NotBeEmpty();
        packets.Max(p => p.Parsed.PayloadLength).Should().Be(64_800);
        packets.Should().OnlyContain(p => p.Bytes.Length <= ushort.MaxValue + 40);
    }

    [Fact]
    public void WithOffload_RetransmissionAfterTimeout_IsOneMssSegment()
    {
        var tcp = new TcpDriver(superSegments: true);
        tcp.Establish(appMss: 1440, windowScale: 7);
        tcp.Upstream.ServerSends(new byte[20_000]);
        tcp.Sink.Take();

        tcp.Connection.OnTimer(Environment.TickCount64 + 10_000);

        var segments = tcp.Sink.SegmentSizes.ToArray();
        tcp.Sink.Take().Single().Parsed.PayloadLength.Should().Be(1440);
        segments.Single().Should().Be(0, "a single segment is a plain packet");
    }

    [Theory]
    [InlineData(1440, true, 64_800)] // IPv6: payload length 65535 covers TCP header + 45 segments
    [InlineData(1460, false, 64_240)] // IPv4: total length 65535 covers both headers + 44 segments
    [InlineData(536, false, 65_392)]
    [InlineData(655, false, 64_845)] // 100 segments would be 65 500 bytes: past the field once headers count
    [InlineData(21_845, true, 43_690)] // 3 segments would be exactly 65 535 bytes of payload: no room for the TCP header
    [InlineData(65_000, true, 65_000)] // an MSS that does not fit twice: plain segments only
    public void SuperSegmentPayload_IsWholeSegmentsWithinTheLengthField(int mss, bool v6, int expected)
    {
        TcpConnection.SuperSegmentPayload(mss, v6).Should().Be(expected);
    }

    [Fact]
    public void SlowStart_StretchAckForTheWholeFlight_GrowsTheWindowByEveryByteAcknowledged()
    {
        // Given the initial window (10 segments) in flight as one super-segment
        var tcp = new TcpDriver(superSegments: true);
        tcp.Establish(appMss: 1000, windowScale: 7);
        tcp.Upstream.ServerSends(new byte[100_000]);
        tcp.Sink.Take();

        // When the app's kernel acknowledges all of it with one ACK
        tcp.AppSends(ClientIsn + 1, OurIsn + 1 + 10_000, Ack, window: 16_000);

        // Then the window doubled, as if each segment had been acknowledged on its own
        tcp.Connection.CongestionWindow.Should().Be(20_000);
    }

    [Fact]
    public void CongestionAvoidance_AWindowOfBytesAcknowledged_GrowsTheWindowByOneMssOnly()
    {
        // Given a flow in congestion avoidance after a fast retransmit (threshold = half the flight)
        var tcp = new TcpDriver(superSegments: true);
        tcp.Establish(appMss: 1000, appWindow: 16_000, windowScale: 7);
        tcp.Upstream.ServerSends(new byte[100_000]);
        tcp.Sink.Take();
        for (var i = 0; i < 3; i++)
        {
            tcp.AppSends(ClientIsn + 1, OurIsn + 1, Ack, window: 16_000);
        }

        tcp.AppSends(ClientIsn + 1, OurIsn + 1 + 10_000, Ack, window: 16_000); // recovery ends: window = threshold
        var window = tcp.Connection.CongestionWindow;
        tcp.Sink.Take();

        // When one whole window of new data is acknowledged by a stretch ACK
        tcp.AppSends(ClientIsn + 1, OurIsn + 1 + 10_000 + (uint)window, Ack, window: 16_000);

        // Then the window grew by one segment, not by the bytes acknowledged
        window.Should().Be(5000);
        tcp.Connection.CongestionWindow.Should().Be(window + 1000);
    }
}
