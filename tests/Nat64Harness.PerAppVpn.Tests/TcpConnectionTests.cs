using System.Text;
using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Sessions;
using Nat64Harness.PerAppVpn.Stats;
using Nat64Harness.PerAppVpn.Tests.Support;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>The TCP state machine driven by synthetic app segments, with a fake socket side.</summary>
public sealed class TcpConnectionTests
{
    private const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;
    private static readonly uint ClientIsn = 0xFFFFFF00; // close to 2^32: every test crosses the sequence wrap
    private static readonly uint OurIsn = 0xFFFFFFF0;

    private readonly CapturingSink _sink = new();
    private readonly FakeUpstream _upstream = new();
    private readonly VpnStats _stats = new();
    private TcpConnection _connection = null!;

    [Theory]
    [InlineData(true, 1500, 1440)]
    [InlineData(false, 1500, 1460)]
    [InlineData(true, 1280, 1220)]
    public void Handshake_SynThenUpstreamConnects_SendsSynAckWithMssFromTunMtu(bool v6, int mtu, int expectedMss)
    {
        // Given
        Open(v6, mtu);
        _upstream.Connection.Should().BeSameAs(_connection, "the SYN starts the outbound connect");
        _sink.Packets.Should().BeEmpty("no SYN-ACK before the remote accepted");

        // When
        _connection.OnUpstreamConnected();

        // Then
        var synAck = _sink.Take().Single().Parsed;
        synAck.TcpFlags.Should().Be(TcpFlags.Syn | TcpFlags.Ack);
        synAck.TcpSequence.Should().Be(OurIsn);
        synAck.TcpAcknowledgment.Should().Be(ClientIsn + 1);
        synAck.TcpMss.Should().Be((ushort)expectedMss);
        synAck.SourcePort.Should().Be(Requests.RemotePort);
        _connection.State.Should().Be(TcpState.SynAckSent);

        AppSends(ClientIsn + 1, OurIsn + 1, Ack);
        _connection.State.Should().Be(TcpState.Established);
    }

    [Fact]
    public void Handshake_UpstreamRefuses_SendsRstAckToTheSyn()
    {
        Open(v6: true);

        _connection.OnUpstreamFailed();

        var rst = _sink.Take().Single().Parsed;
        rst.TcpFlags.Should().Be(TcpFlags.Rst | TcpFlags.Ack);
        rst.TcpAcknowledgment.Should().Be(ClientIsn + 1);
        _connection.State.Should().Be(TcpState.Closed);
    }

    [Fact]
    public void Handshake_SynRetransmittedAfterSynAck_SynAckIsRepeated()
    {
        Open(v6: true);
        _connection.OnUpstreamConnected();
        _sink.Take();

        AppSends(ClientIsn, 0, Syn, mss: 1440);

        _sink.Take().Single().Parsed.TcpFlags.Should().Be(TcpFlags.Syn | TcpFlags.Ack);
    }

    [Fact]
    public void AppData_InOrder_IsPassedUpstreamAndAcknowledged()
    {
        Establish();
        var data = Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\n\r\n");

        AppSends(ClientIsn + 1, OurIsn + 1, Ack | Psh, data);
        _upstream.Drain();

        _upstream.Received.ToArray().Should().Equal(data);
        var ack = _sink.Take().First().Parsed;
        ack.TcpAcknowledgment.Should().Be(ClientIsn + 1 + (uint)data.Length);
        ack.TcpWindow.Should().BeGreaterThan(0);
    }

    [Fact]
    public void AppData_Retransmitted_IsNotPassedTwice()
    {
        Establish();
        var data = new byte[] { 1, 2, 3, 4 };
        AppSends(ClientIsn + 1, OurIsn + 1, Ack, data);
        AppSends(ClientIsn + 1, OurIsn + 1, Ack, data);
        _upstream.Drain();

        _upstream.Received.ToArray().Should().Equal(data);
        _sink.Take().Should().HaveCount(2).And.OnlyContain(s => s.Parsed.TcpAcknowledgment == ClientIsn + 5);
    }

    [Fact]
    public void AppData_OutOfOrder_IsDroppedAndAcknowledgedAtTheGap()
    {
        Establish();

        AppSends(ClientIsn + 101, OurIsn + 1, Ack, [9, 9]);

        _upstream.Drain();
        _upstream.Received.Length.Should().Be(0);
        _sink.Take().Single().Parsed.TcpAcknowledgment.Should().Be(ClientIsn + 1);
        _stats[Counter.TcpOutOfOrder].Should().Be(1);
    }

    [Fact]
    public void AppData_MoreThanTheWindow_IsCutAtTheRing_AndTheWindowReopensAfterUpstreamTakesIt()
    {
        Establish();
        AppSends(ClientIsn + 1, OurIsn + 1, Ack, new byte[60_000]);
        _sink.Take();

        AppSends(ClientIsn + 1 + 60_000, OurIsn + 1, Ack, new byte[10_000]);
        var full = _sink.Take().Single().Parsed;
        _upstream.Drain();

        full.TcpAcknowledgment.Should().Be(ClientIsn + 1 + TcpConnection.RingCapacity);
        full.TcpWindow.Should().Be(0);
        _sink.Take().Single().Parsed.TcpWindow.Should().Be(TcpConnection.RingCapacity, "a window update follows once the ring drained");
    }

    [Fact]
    public void ServerData_IsSentInSegmentsNoLargerThanMss_WithinTheAppWindow()
    {
        Establish(appMss: 1000, appWindow: 2500);

        _upstream.ServerSends(new byte[5000]);

        var segments = _sink.Take();
        segments.Select(s => s.Parsed.PayloadLength).Should().Equal(1000, 1000, 500);
        segments.Select(s => s.Parsed.TcpSequence).Should().Equal(OurIsn + 1, OurIsn + 1001, OurIsn + 2001);
        segments.Should().OnlyContain(s => s.Parsed.TcpAcknowledgment == ClientIsn + 1);
        IndependentChecksum.UpperLayerVerifies(segments[0].Bytes).Should().BeTrue();
    }

    [Fact]
    public void ServerData_ArrivingBeforeTheAppAcksTheSynAck_IsSentWhole()
    {
        // Given a server that speaks first (SMTP, SSH banners)
        Open(v6: true);
        _connection.OnUpstreamConnected();
        _upstream.ServerSends(Encoding.ASCII.GetBytes("220 banner"));
        _sink.Take().Single().Parsed.TcpFlags.Should().Be(TcpFlags.Syn | TcpFlags.Ack, "no data before the handshake completes");

        // When
        AppSends(ClientIsn + 1, OurIsn + 1, Ack);

        // Then
        var (bytes, segment) = _sink.Take().Single();
        segment.TcpSequence.Should().Be(OurIsn + 1);
        Encoding.ASCII.GetString(bytes, segment.PayloadOffset, segment.PayloadLength).Should().Be("220 banner");
    }

    [Fact]
    public void ServerData_AppAcks_SlidesTheWindowAndSendsTheRest()
    {
        Establish(appMss: 1000, appWindow: 2000);
        _upstream.ServerSends(new byte[3000]);
        _sink.Take();

        AppSends(ClientIsn + 1, OurIsn + 1 + 2000, Ack, window: 2000);

        var segments = _sink.Take();
        segments.Single().Parsed.TcpSequence.Should().Be(OurIsn + 2001);
        segments.Single().Parsed.PayloadLength.Should().Be(1000);
    }

    [Fact]
    public void ServerData_Unacknowledged_IsRetransmittedFromTheOldestByteOnTimeout()
    {
        Establish(appMss: 1000);
        _upstream.ServerSends(new byte[2000]);
        _sink.Take();

        _connection.OnTimer(Environment.TickCount64 + 10_000);

        var retransmitted = _sink.Take();
        retransmitted.Single().Parsed.TcpSequence.Should().Be(OurIsn + 1, "after a timeout the congestion window is one segment");
        retransmitted.Single().Parsed.PayloadLength.Should().Be(1000);
        _stats[Counter.TcpRetransmits].Should().Be(1);

        AppSends(ClientIsn + 1, OurIsn + 1001, Ack);
        _sink.Take().Single().Parsed.TcpSequence.Should().Be(OurIsn + 1001, "go-back-N goes on as ACKs open the window");
    }

    [Fact]
    public void ServerData_FirstFlight_IsLimitedToTheInitialWindowOfTenSegments()
    {
        Establish(appMss: 1000);

        _upstream.ServerSends(new byte[20_000]);

        _sink.Take().Should().HaveCount(10);
        _connection.CongestionWindow.Should().Be(10_000);
    }

    [Fact]
    public void ServerData_DuplicateAcksAfterAFastRetransmit_DoNotResendAgain_UntilAPartialAckShowsTheNextHole()
    {
        // Given 5 segments in flight, the first one lost
        Establish(appMss: 1000);
        _upstream.ServerSends(new byte[5000]);
        _sink.Take();

        // When the app reports the hole 3 times, then 2 more times (its out-of-order queue filling up)
        for (var i = 0; i < 5; i++)
        {
            AppSends(ClientIsn + 1, OurIsn + 1, Ack);
        }

        // Then exactly one segment is resent
        _sink.Take().Single().Parsed.TcpSequence.Should().Be(OurIsn + 1);

        // And when a partial ACK shows a second hole at 3001, that one is resent next
        AppSends(ClientIsn + 1, OurIsn + 3001, Ack);
        _sink.Take().First().Parsed.TcpSequence.Should().Be(OurIsn + 3001);
    }

    [Fact]
    public void ServerData_ThreeDuplicateAcks_TriggerRetransmission()
    {
        Establish(appMss: 1000);
        _upstream.ServerSends(new byte[3000]);
        _sink.Take();

        for (var i = 0; i < 4; i++) // the first acknowledges new data, the next three are duplicates
        {
            AppSends(ClientIsn + 1, OurIsn + 1001, Ack);
        }

        _sink.Take().First().Parsed.TcpSequence.Should().Be(OurIsn + 1001);
    }

    [Fact]
    public void AppFin_IsAcknowledged_AndUpstreamIsHalfClosedAfterTheData()
    {
        Establish();

        AppSends(ClientIsn + 1, OurIsn + 1, Ack | Fin, [1, 2, 3]);
        _upstream.Drain();

        _sink.Take().Single().Parsed.TcpAcknowledgment.Should().Be(ClientIsn + 1 + 3 + 1, "the FIN takes one sequence number");
        _upstream.Received.ToArray().Should().Equal(1, 2, 3);
        _upstream.ShutdownSend.Should().BeTrue();
        _connection.State.Should().Be(TcpState.Established, "the server may still send");
    }

    [Fact]
    public void FinBothWays_AppFirst_EndsInTimeWaitAndClosesUpstream()
    {
        Establish();
        AppSends(ClientIsn + 1, OurIsn + 1, Ack | Fin);
        _upstream.Drain();
        _sink.Take();

        _upstream.ServerSends(Encoding.ASCII.GetBytes("bye"));
        _connection.OnUpstreamEof();
        var sent = _sink.Take();
        sent.Last().Parsed.TcpFlags.Should().HaveFlag(TcpFlags.Fin);
        sent.Last().Parsed.TcpSequence.Should().Be(OurIsn + 1 + 3);
        AppSends(ClientIsn + 2, OurIsn + 1 + 3 + 1, Ack);

        _connection.State.Should().Be(TcpState.TimeWait);
        _upstream.Closed.Should().BeTrue();
    }

    [Fact]
    public void FinBothWays_ServerFirst_FinAfterAllDataThenAppFinIsAcknowledged()
    {
        Establish(appMss: 1000);
        _upstream.ServerSends(new byte[1500]);
        _connection.OnUpstreamEof();
        var sent = _sink.Take();
        sent.Select(s => s.Parsed.TcpFlags.HasFlag(TcpFlags.Fin)).Should().Equal(false, false, true);

        AppSends(ClientIsn + 1, OurIsn + 1 + 1500 + 1, Ack | Fin);
        _upstream.Drain();

        _sink.Take().Single().Parsed.TcpAcknowledgment.Should().Be(ClientIsn + 2);
        _connection.State.Should().Be(TcpState.TimeWait);
    }

    [Fact]
    public void AppRst_InWindow_AbortsUpstream()
    {
        Establish();

        AppSends(ClientIsn + 1, 0, Rst);

        _upstream.Aborted.Should().BeTrue();
        _connection.State.Should().Be(TcpState.Closed);
    }

    [Fact]
    public void AppRst_OutOfWindow_IsIgnored()
    {
        Establish();

        AppSends(ClientIsn + 1 + 10_000_000, 0, Rst);

        _upstream.Aborted.Should().BeFalse();
        _connection.State.Should().Be(TcpState.Established);
    }

    [Fact]
    public void UpstreamReset_SendsRstToTheApp()
    {
        Establish();

        _connection.OnUpstreamFailed();

        var rst = _sink.Take().Single().Parsed;
        rst.TcpFlags.Should().HaveFlag(TcpFlags.Rst);
        rst.TcpSequence.Should().Be(OurIsn + 1);
        _connection.State.Should().Be(TcpState.Closed);
    }

    [Fact]
    public void IgnoreFinFault_AppFin_IsNeitherAcknowledgedNorPassedOn()
    {
        Establish(fault: Fault.IgnoreFin);

        AppSends(ClientIsn + 1, OurIsn + 1, Ack | Fin);
        _upstream.Drain();

        _sink.Take().Should().BeEmpty();
        _upstream.ShutdownSend.Should().BeFalse();
    }

    [Fact]
    public void Expiry_IdleEstablishedFlow_ExpiresAndTerminateResetsBothSides()
    {
        Establish();

        _connection.IsExpired(Environment.TickCount64 + 1_000, idleMilliseconds: 60_000).Should().BeFalse();
        _connection.IsExpired(Environment.TickCount64 + 61_000, idleMilliseconds: 60_000).Should().BeTrue();
        _connection.Terminate();

        _sink.Take().Single().Parsed.TcpFlags.Should().HaveFlag(TcpFlags.Rst);
        _upstream.Aborted.Should().BeTrue();
    }

    private void Open(bool v6 = true, int mtu = 1500, ushort appMss = 1440, ushort appWindow = 65535, Fault fault = Fault.None)
    {
        var syn = Requests.Tcp(v6, ClientIsn, 0, Syn, window: appWindow, mss: appMss);
        PacketParser.TryParse(syn, out var p, out _).Should().BeTrue();
        _connection = new TcpConnection(syn, p, mtu, new ResponseBuilder(fault), _sink, _upstream, _stats, OurIsn);
        _connection.Start();
    }

    private void Establish(ushort appMss = 1440, ushort appWindow = 65535, Fault fault = Fault.None)
    {
        Open(appMss: appMss, appWindow: appWindow, fault: fault);
        _connection.OnUpstreamConnected();
        AppSends(ClientIsn + 1, OurIsn + 1, Ack, window: appWindow);
        _sink.Take();
    }

    private void AppSends(uint seq, uint ack, byte flags, byte[]? data = null, ushort window = 65535, ushort mss = 0)
    {
        var packet = Requests.Tcp(true, seq, ack, flags, data, window, mss);
        PacketParser.TryParse(packet, out var p, out var reason).Should().BeTrue(reason.ToString());
        _connection.OnSegment(packet, p);
    }
}
