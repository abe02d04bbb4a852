using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>
/// One ICMP/ICMPv6 echo flow (app address pair + identifier), forwarded through a kernel "ping socket"
/// (SOCK_DGRAM + IPPROTO_ICMP[V6]): the kernel picks the identifier and the checksum outbound; replies are
/// rebuilt with the app's identifier. The outbound family may differ from the app's (IPv4 via the NAT64 prefix).
/// </summary>
public sealed class EchoSession : IDisposable
{
    private readonly FlowTemplate _flow = new();
    private readonly ResponseBuilder _builder;
    private readonly IPacketSink _sink;
    private readonly VpnStats _stats;
    private readonly Socket _socket;
    private readonly bool _outboundV6;

    /// <summary>Opens the ping socket and starts receiving.</summary>
    public EchoSession(ReadOnlySpan<byte> packet, in ParsedPacket first, IPAddress remote, ResponseBuilder builder, IPacketSink sink, VpnStats stats)
    {
        _flow.UpdateFrom(packet, first);
        _builder = builder;
        _sink = sink;
        _stats = stats;
        _outboundV6 = remote.AddressFamily == AddressFamily.InterNetworkV6;
        _socket = new Socket(remote.AddressFamily, SocketType.Dgram, _outboundV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
        _socket.Connect(new IPEndPoint(remote, 0));
        LastActivity = Environment.TickCount64;
        _ = ReceiveAsync();
    }

    /// <summary>Environment.TickCount64 of the last request or reply.</summary>
    public long LastActivity { get; private set; }

    /// <summary>Forwards one echo request from the app.</summary>
    public void FromApp(ReadOnlySpan<byte> packet, in ParsedPacket p)
    {
        _flow.UpdateFrom(packet, p);
        LastActivity = Environment.TickCount64;
        var length = IcmpEchoHeader.Length + p.PayloadLength;
        var request = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = request.AsSpan(0, length);
            span[0] = _outboundV6 ? IcmpEchoHeader.EchoRequestV6 : IcmpEchoHeader.EchoRequestV4;
            span[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(span[IcmpEchoHeader.ChecksumOffset..], 0); // the ping socket fills it in
            BinaryPrimitives.WriteUInt16BigEndian(span[IcmpEchoHeader.IdentifierOffset..], p.EchoIdentifier);
            BinaryPrimitives.WriteUInt16BigEndian(span[IcmpEchoHeader.SequenceOffset..], p.EchoSequence);
            packet.Slice(p.PayloadOffset, p.PayloadLength).CopyTo(span[IcmpEchoHeader.Length..]);
            _socket.Send(span);
            _stats.Add(Counter.EchoRequestsOut);
        }
        catch (SocketException)
        {
            _stats.Drop(DropReason.UpstreamSendFailed);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private async Task ReceiveAsync()
    {
        var buffer = new byte[ResponseBuilder.MaxPacket];
        var replyType = _outboundV6 ? IcmpEchoHeader.EchoReplyV6 : IcmpEchoHeader.EchoReplyV4;
        while (true)
        {
            int received;
            try
            {
                received = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (received < IcmpEchoHeader.Length || buffer[0] != replyType)
            {
                continue;
            }

            LastActivity = Environment.TickCount64;
            _stats.Add(Counter.EchoRepliesIn);
            var sequence = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(IcmpEchoHeader.SequenceOffset));
            var data = buffer.AsSpan(IcmpEchoHeader.Length, received - IcmpEchoHeader.Length);
            var packet = _sink.Rent(Ipv6Header.Length + IcmpEchoHeader.Length + data.Length);
            var length = _builder.WriteEchoReply(packet, _flow, sequence, data);
            _sink.Send(packet, length);
        }
    }
}
