using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Sessions;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn;

/// <summary>
/// Dispatches packets read from the TUN (one reader thread calls <see cref="Handle"/>) to per-flow sessions,
/// and runs the timers: TCP retransmission every 100 ms, reaping of idle flows every second.
/// </summary>
public sealed class VpnEngine
{
    private const int MaxSessionsPerProtocol = 4096;
    private const int UdpIdleMilliseconds = 60_000;
    private const int EchoIdleMilliseconds = 30_000;
    private const int TcpIdleMilliseconds = 300_000;

    private readonly VpnConfig _config;
    private readonly IPacketSink _sink;
    private readonly ResponseBuilder _builder;
    private readonly RemoteAddressMapper _mapper;
    private readonly Func<IPEndPoint, ITcpUpstream> _upstreamFactory;
    private readonly ConcurrentDictionary<FlowKey, TcpConnection> _tcp = new();
    private readonly ConcurrentDictionary<FlowKey, UdpSession> _udp = new();
    private readonly ConcurrentDictionary<FlowKey, EchoSession> _echo = new();
    private int _internalErrorReported;

    /// <summary>Creates the engine; <paramref name="upstreamFactory"/> makes the outbound side of TCP flows.</summary>
    public VpnEngine(VpnConfig config, IPacketSink sink, VpnStats stats, Func<IPEndPoint, ITcpUpstream>? upstreamFactory = null)
    {
        _config = config;
        _sink = sink;
        Stats = stats;
        _builder = new ResponseBuilder(config.Fault);
        _mapper = new RemoteAddressMapper(config.Nat64Prefix);
        _upstreamFactory = upstreamFactory ?? (remote => new SocketTcpUpstream(remote));
    }

    /// <summary>The counters.</summary>
    public VpnStats Stats { get; }

    /// <summary>Flows currently tracked.</summary>
    public int ActiveSessions => _tcp.Count + _udp.Count + _echo.Count;

    /// <summary>
    /// Handles one packet read from the TUN (a borrowed span: copied only where kept); <paramref name="checksumTrusted"/>
    /// when the TUN's offload header says the app's kernel left the transport checksum partial.
    /// </summary>
    public void Handle(ReadOnlySpan<byte> packet, bool checksumTrusted = false)
    {
        Stats.Add(Counter.TunPacketsIn);
        Stats.Add(Counter.TunBytesIn, packet.Length);
        if (!PacketParser.TryParse(packet, out var p, out var reason, checksumTrusted))
        {
            Stats.Drop(reason);
            return;
        }

        Stats.Add(p.IsV6 ? Counter.TunPacketsInV6 : Counter.TunPacketsInV4);
        if (p.IsV6 && _config.Fault == Fault.NoIpv6)
        {
            Stats.Drop(DropReason.FaultNoIpv6); // FAULT: no-ipv6
            return;
        }

        var key = new FlowKey(p.Version, p.Protocol, p.Source, p.Destination, p.SourcePort, p.DestinationPort);
        try
        {
            switch (p.Protocol)
            {
                case IpProtocol.Tcp:
                    HandleTcp(packet, p, key);
                    break;
                case IpProtocol.Udp:
                    HandleUdp(packet, p, key);
                    break;
                default:
                    HandleEcho(packet, p, key);
                    break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // ObjectDisposedException: the reaper closed the flow's socket between lookup and send.
            Stats.Drop(DropReason.UpstreamSendFailed);
        }
        catch (Exception e)
        {
            // One packet that trips a bug must not stop the only reader of the TUN.
            Stats.Drop(DropReason.InternalError);
            if (Interlocked.Exchange(ref _internalErrorReported, 1) == 0)
            {
                Console.Error.WriteLine($"nat64h: internal error (reported once): {e}");
            }
        }
    }

    /// <summary>Retransmission timers; call every ~100 ms.</summary>
    public void Tick(long now)
    {
        foreach (var connection in _tcp.Values)
        {
            connection.OnTimer(now);
        }
    }

    /// <summary>Removes finished and idle flows; call every second.</summary>
    public void Reap(long now)
    {
        foreach (var (key, connection) in _tcp)
        {
            if (connection.IsExpired(now, TcpIdleMilliseconds) && _tcp.TryRemove(key, out _))
            {
                connection.Terminate();
                Stats.Add(Counter.SessionsReaped);
            }
        }

        foreach (var (key, session) in _udp)
        {
            if (now - session.LastActivity > UdpIdleMilliseconds && _udp.TryRemove(key, out _))
            {
                session.Dispose();
                Stats.Add(Counter.SessionsReaped);
            }
        }

        foreach (var (key, session) in _echo)
        {
            if (now - session.LastActivity > EchoIdleMilliseconds && _echo.TryRemove(key, out _))
            {
                session.Dispose();
                Stats.Add(Counter.SessionsReaped);
            }
        }
    }

    private void HandleTcp(ReadOnlySpan<byte> packet, in ParsedPacket p, FlowKey key)
    {
        if (_tcp.TryGetValue(key, out var connection))
        {
            connection.OnSegment(packet, p);
            return;
        }

        var flags = p.TcpFlags;
        if ((flags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst)) != TcpFlags.Syn)
        {
            Stats.Drop(DropReason.TcpNoSession);
            if ((flags & TcpFlags.Rst) == 0 && (p.PayloadLength > 0 || (flags & (TcpFlags.Fin | TcpFlags.Syn)) != 0))
            {
                SendResetForUnknown(packet, p);
            }

            return;
        }

        if (_tcp.Count >= MaxSessionsPerProtocol)
        {
            Stats.Drop(DropReason.SessionLimit);
            return;
        }

        var remote = new IPEndPoint(_mapper.Map(p.Version, p.Destination), p.DestinationPort);
        connection = new TcpConnection(packet, p, _config.TunnelMtu, _builder, _sink, _upstreamFactory(remote), Stats);
        _tcp[key] = connection;
        Stats.Add(Counter.TcpSessionsOpened);
        connection.Start();
    }

    private void HandleUdp(ReadOnlySpan<byte> packet, in ParsedPacket p, FlowKey key)
    {
        if (!_udp.TryGetValue(key, out var session))
        {
            if (_udp.Count >= MaxSessionsPerProtocol)
            {
                Stats.Drop(DropReason.SessionLimit);
                return;
            }

            var remote = new IPEndPoint(_mapper.Map(p.Version, p.Destination), p.DestinationPort);
            session = new UdpSession(packet, p, remote, _builder, _sink, Stats);
            _udp[key] = session;
            Stats.Add(Counter.UdpSessionsOpened);
        }

        session.FromApp(packet, p);
    }

    private void HandleEcho(ReadOnlySpan<byte> packet, in ParsedPacket p, FlowKey key)
    {
        if (!_echo.TryGetValue(key, out var session))
        {
            if (_echo.Count >= MaxSessionsPerProtocol)
            {
                Stats.Drop(DropReason.SessionLimit);
                return;
            }

            session = new EchoSession(packet, p, _mapper.Map(p.Version, p.Destination), _builder, _sink, Stats);
            _echo[key] = session;
            Stats.Add(Counter.EchoSessionsOpened);
        }

        session.FromApp(packet, p);
    }

    /// <summary>RFC 9293 §3.10.7.1: a segment for no connection gets a RST (unless it is one).</summary>
    private void SendResetForUnknown(ReadOnlySpan<byte> packet, in ParsedPacket p)
    {
        var flow = new FlowTemplate();
        flow.UpdateFrom(packet, p);
        var buffer = _sink.Rent(Ipv6Header.Length + TcpHeader.MinLength);
        int length;
        if ((p.TcpFlags & TcpFlags.Ack) != 0)
        {
            length = _builder.WriteTcp(buffer, flow, p.TcpAcknowledgment, 0, TcpFlags.Rst, 0, default, default, default);
        }
        else
        {
            var segmentLength = (uint)p.PayloadLength + ((p.TcpFlags & TcpFlags.Syn) != 0 ? 1u : 0) + ((p.TcpFlags & TcpFlags.Fin) != 0 ? 1u : 0);
            length = _builder.WriteTcp(buffer, flow, 0, p.TcpSequence + segmentLength, TcpFlags.Rst | TcpFlags.Ack, 0, default, default, default);
        }

        _sink.Send(buffer, length);
        Stats.Add(Counter.TcpResetsSent);
    }
}
