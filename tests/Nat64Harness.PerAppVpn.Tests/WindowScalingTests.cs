using Nat64Harness.PerAppVpn.Sessions;
using Nat64Harness.PerAppVpn.Tests.Support;
using static Nat64Harness.PerAppVpn.Tests.Support.TcpDriver;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>RFC 7323 window scaling toward the app: negotiated only when the app offers it, and applied both ways.</summary>
public sealed class WindowScalingTests
{
    private readonly TcpDriver _tcp = new();

    [Fact]
    public void SynWithWindowScale_SynAckOffersOurShift_AndItsWindowIsUnscaled()
    {
        // Given the app's SYN offering window scaling
        _tcp.Open(windowScale: 7);

        // When the outbound socket connects
        _tcp.Connection.OnUpstreamConnected();

        // Then the SYN-ACK carries our shift, and its own window field is not scaled (RFC 7323 §2.2)
        var synAck = _tcp.Sink.Take().Single().Parsed;
        synAck.TcpWindowScale.Should().Be(TcpConnection.WindowShift);
        synAck.TcpMss.Should().Be(1440, "the MSS option stays");
        synAck.TcpWindow.Should().Be(ushort.MaxValue, "a 1 MiB ring offers at least the largest unscaled window in a SYN");
        _tcp.Connection.WindowScaling.Should().BeTrue();
    }

    [Fact]
    public void SynWithoutWindowScale_SynAckHasNoWindowScaleOption()
    {
        _tcp.Open(windowScale: -1);

        _tcp.Connection.OnUpstreamConnected();

        var synAck = _tcp.Sink.Take().Single().Parsed;
        synAck.TcpWindowScale.Should().Be(-1, "RFC 7323 §2.2: the option may be sent in a SYN-ACK only in answer to one");
        _tcp.Connection.WindowScaling.Should().BeFalse();
    }

    [Fact]
    public void OurWindowShift_IsTheSmallestThatCoversTheScaledRing()
    {
        ((long)ushort.MaxValue << TcpConnection.WindowShift).Should().BeGreaterThanOrEqualTo(TcpConnection.ScaledRingCapacity);
        ((long)ushort.MaxValue << (TcpConnection.WindowShift - 1)).Should().BeLessThan(TcpConnection.ScaledRingCapacity);
    }

    [Fact]
    public void Scaled_AckAfterData_AdvertisesFreeRingSpaceShiftedAndRoundedDown()
    {
        // Given a scaled flow
        _tcp.Establish(windowScale: 7);

        // When the app sends 1000 bytes the upstream has not taken yet
        _tcp.AppSends(ClientIsn + 1, OurIsn + 1, Ack, new byte[1000]);

        // Then the window field is (1 MiB - 1000) >> 5, rounded down: never more room than the ring has
        var ack = _tcp.Sink.Take().Single().Parsed;
        ack.TcpWindow.Should().Be((ushort)((TcpConnection.ScaledRingCapacity - 1000) >> TcpConnection.WindowShift));
        ((long)ack.TcpWindow << TcpConnection.WindowShift).Should().BeLessThanOrEqualTo(TcpConnection.ScaledRingCapacity - 1000);
    }

    [Fact]
    public void Unscaled_AckAfterData_AdvertisesBytesUnshifted()
    {
        _tcp.Establish(windowScale: -1);

        _tcp.AppSends(ClientIsn + 1, OurIsn + 1, Ack, new byte[1000]);

        _tcp.Sink.Take().Single().Parsed.TcpWindow.Should().Be((ushort)(TcpConnection.RingCapacity - 1000));
    }

    [Fact]
    public void Scaled_AppSendsFarMoreThan64KiB_AllIsAccepted()
    {
        // Given a scaled flow whose upstream takes nothing yet
        _tcp.Establish(windowScale: 7);

        // When the app sends 200 000 bytes in order, within the scaled window
        for (var i = 0; i < 200; i++)
        {
            _tcp.AppSends(ClientIsn + 1 + (uint)(i * 1000), OurIsn + 1, Ack, new byte[1000]);
        }

        // Then every byte is acknowledged and reaches the upstream
        _tcp.Sink.Take().Last().Parsed.TcpAcknowledgment.Should().Be(ClientIsn + 1 + 200_000);
        _tcp.Upstream.Drain();
        _tcp.Upstream.Received.Length.Should().Be(200_000);
        _tcp.Stats[Stats.Counter.TcpWindowFull].Should().Be(0);
    }

    [Fact]
    public void Unscaled_AppSendsMoreThan64KiB_IsCutAtTheUnscaledRing()
    {
        _tcp.Establish(windowScale: -1);

        for (var i = 0; i < 70; i++)
        {
            _tcp.AppSends(ClientIsn + 1 + (uint)(i * 1000), OurIsn + 1, Ack, new byte[1000]);
        }

        _tcp.Sink.Take().Last().Parsed.TcpAcknowledgment.Should().Be(ClientIsn + 1 + TcpConnection.RingCapacity);
        _tcp.Stats[Stats.Counter.TcpWindowFull].Should().BeGreaterThan(0);
    }

    [Fact]
    public void Scaled_AppWindowField_IsShiftedByTheAppsScale()
    {
        // Given a flow where the app announced shift 4 and later advertises a window field of 250 (= 4000 bytes)
        _tcp.Establish(appMss: 1000, windowScale: 4);
        _tcp.AppSends(ClientIsn + 1, OurIsn + 1, Ack, window: 250);
        _tcp.Sink.Take();

        // When the server sends more than that
        _tcp.Upstream.ServerSends(new byte[10_000]);

        // Then exactly 4000 bytes go out
        _tcp.Sink.Take().Sum(s => s.Parsed.PayloadLength).Should().Be(4000);
    }

    [Fact]
    public void Unscaled_AppWindowField_IsBytes()
    {
        _tcp.Establish(appMss: 1000, windowScale: -1);
        _tcp.AppSends(ClientIsn + 1, OurIsn + 1, Ack, window: 250);
        _tcp.Sink.Take();

        _tcp.Upstream.ServerSends(new byte[10_000]);

        _tcp.Sink.Take().Sum(s => s.Parsed.PayloadLength).Should().Be(250);
    }
}
