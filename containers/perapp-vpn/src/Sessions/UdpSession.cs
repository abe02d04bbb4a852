using System.Net;
using System.Net.Sockets;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>One UDP flow: a connected socket to the remote; every datagram it receives becomes a reply packet.</summary>
public sealed class UdpSession : IDisposable
{
    private readonly FlowTemplate _flow = new();
    private readonly ResponseBuilder _builder;
    private readonly IPacketSink _sink;
    private readonly VpnStats _stats;
    private readonly Socket _socket;

    /// <summary>Opens the socket and starts receiving.</summary>
    public UdpSession(ReadOnlySpan<byte> packet, in ParsedPacket first, IPEndPoint remote, ResponseBuilder builder, IPacketSink sink, VpnStats stats)
    {
        _flow.UpdateFrom(packet, first);
        _builder = builder;
        _sink = sink;
        _stats = stats;
        _socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Connect(remote);
        LastActivity = Environment.TickCount64;
        _ = ReceiveAsync();
    }

    /// <summary>Environment.TickCount64 of the last datagram either way.</summary>
    public long LastActivity { get; private set; }

    /// <summary>Forwards one datagram from the app.</summary>
    public void FromApp(ReadOnlySpan<byte> packet, in ParsedPacket p)
    {
        _flow.UpdateFrom(packet, p);
        LastActivity = Environment.TickCount64;
        try
        {
            _socket.Send(packet.Slice(p.PayloadOffset, p.PayloadLength));
            _stats.Add(Counter.UdpDatagramsOut);
        }
        catch (SocketException)
        {
            _stats.Drop(DropReason.UpstreamSendFailed);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private async Task ReceiveAsync()
    {
        var buffer = new byte[ResponseBuilder.MaxPacket];
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                _stats.Add(Counter.UdpUpstreamErrors); // e.g. ICMP port unreachable surfaced as ECONNREFUSED
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            LastActivity = Environment.TickCount64;
            _stats.Add(Counter.UdpDatagramsIn);
            var packet = _sink.Rent(Ipv6Header.Length + UdpHeader.Length + received);
            var length = _builder.WriteUdp(packet, _flow, buffer.AsSpan(0, received));
            _sink.Send(packet, length);
        }
    }
}
