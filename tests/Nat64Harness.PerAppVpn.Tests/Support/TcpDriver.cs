using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Sessions;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Tests.Support;

/// <summary>Drives one <see cref="TcpConnection"/> as the app would: SYN, handshake, segments; the sink and upstream are fakes.</summary>
public sealed class TcpDriver(bool superSegments = false)
{
    public static readonly uint ClientIsn = 0xFFFFFF00; // close to 2^32: every test crosses the sequence wrap
    public static readonly uint OurIsn = 0xFFFFFFF0;
    public const byte Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;

    public CapturingSink Sink { get; } = new() { TakesSuperSegments = superSegments };
    public FakeUpstream Upstream { get; } = new();
    public VpnStats Stats { get; } = new();
    public TcpConnection Connection { get; private set; } = null!;

    /// <summary>The app's SYN (with <paramref name="windowScale"/> -1: no window-scale option) creates the connection.</summary>
    public void Open(bool v6 = true, ushort appMss = 1440, ushort appWindow = 65535, int windowScale = -1)
    {
        var syn = Requests.Tcp(v6, ClientIsn, 0, Syn, window: appWindow, mss: appMss, windowScale: windowScale);
        PacketParser.TryParse(syn, out var p, out _).Should().BeTrue();
        Connection = new TcpConnection(syn, p, 1500, new ResponseBuilder(Fault.None), Sink, Upstream, Stats, OurIsn);
        Connection.Start();
    }

    /// <summary>Open, upstream connects, the app acknowledges the SYN-ACK with window field <paramref name="appWindow"/>; returns the SYN-ACK.</summary>
    public ParsedPacket Establish(bool v6 = true, ushort appMss = 1440, ushort appWindow = 65535, int windowScale = -1)
    {
        Open(v6, appMss, appWindow, windowScale);
        Connection.OnUpstreamConnected();
        var synAck = Sink.Take().Single().Parsed;
        AppSends(ClientIsn + 1, OurIsn + 1, Ack, window: appWindow, v6: v6);
        Sink.Take();
        return synAck;
    }

    public void AppSends(uint seq, uint ack, byte flags, byte[]? data = null, ushort window = 65535, bool v6 = true)
    {
        var packet = Requests.Tcp(v6, seq, ack, flags, data, window);
        PacketParser.TryParse(packet, out var p, out var reason).Should().BeTrue(reason.ToString());
        Connection.OnSegment(packet, p);
    }
}
