using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>
/// Userspace TCP endpoint facing the app, proxying to an <see cref="ITcpUpstream"/>. App data goes into an
/// upload ring (its free space is the window we advertise); upstream data goes into a download ring that also
/// holds what the app has not acknowledged yet (go-back-N retransmission from its head). All state changes
/// happen under one lock; sequence arithmetic is modulo 2^32 (RFC 9293 §3.4).
/// </summary>
public sealed partial class TcpConnection
{
    /// <summary>Ring capacity per direction when the app's SYN offers no window scaling: the largest unscaled window.</summary>
    public const int RingCapacity = 65535;

    /// <summary>Largest ring per direction when window scaling is agreed (RFC 7323); rings start at 64 KiB and grow on demand.</summary>
    public const int ScaledRingCapacity = 1 << 20;

    /// <summary>Our window-scale shift: the smallest whose largest window field covers <see cref="ScaledRingCapacity"/>.</summary>
    public const int WindowShift = 5;

    private const int InitialScaledRing = 1 << 16;

    private const int InitialRtoMilliseconds = 250;
    private const int MaxRtoMilliseconds = 4000;
    private const int TimeWaitMilliseconds = 2000;

    private readonly object _gate = new();
    private readonly FlowTemplate _flow;
    private readonly ResponseBuilder _builder;
    private readonly IPacketSink _sink;
    private readonly ITcpUpstream _upstream;
    private readonly VpnStats _stats;
    private readonly ByteRing _upload;
    private readonly ByteRing _download;
    private readonly int _ourMss;
    private readonly int _sendMss;
    private readonly int _burstPayload;
    private readonly int _windowShift;
    private readonly int _clientWindowShift;

    private uint _rcvNxt;
    private readonly uint _iss;
    private uint _sndUna;
    private uint _sndNxt;
    private uint _sndMax;
    private uint _clientWindow;
    private int _duplicateAcks;
    private int _congestionWindow;
    private int _slowStartThreshold = int.MaxValue;
    private int _bytesAckedInAvoidance;
    private bool _fastRecovery;
    private bool _rtoRecovery;
    private uint _recover;
    private bool _rttTiming;
    private uint _rttSequence;
    private long _rttStart;
    private int _smoothedRtt = -1;
    private int _rttVariance;
    private bool _clientFin;
    private bool _uploadShutdown;
    private bool _upstreamEof;
    private bool _finSent;
    private bool _finAssigned;
    private uint _finSeq;
    private bool _finAcked;
    private int _lastAdvertisedWindow;
    private long _lastProgress;
    private int _rtoMilliseconds = InitialRtoMilliseconds;

    /// <summary>Creates the endpoint from the app's SYN.</summary>
    public TcpConnection(ReadOnlySpan<byte> synPacket, in ParsedPacket syn, int tunMtu, ResponseBuilder builder, IPacketSink sink,
        ITcpUpstream upstream, VpnStats stats, uint? initialSequence = null)
    {
        _flow = new FlowTemplate();
        _flow.UpdateFrom(synPacket, syn);
        _builder = builder;
        _sink = sink;
        _upstream = upstream;
        _stats = stats;
        _ourMss = tunMtu - (syn.IsV6 ? Ipv6Header.Length : Ipv4Header.MinLength) - TcpHeader.MinLength;
        var clientMss = syn.TcpMss != 0 ? syn.TcpMss : (syn.IsV6 ? 1220 : 536); // RFC 9293 §3.7.1 defaults
        _sendMss = Math.Min(_ourMss, clientMss);
        _burstPayload = sink.TakesSuperSegments ? SuperSegmentPayload(_sendMss, syn.IsV6) : _sendMss;
        _congestionWindow = InitialWindowSegments * _sendMss;
        _rcvNxt = syn.TcpSequence + 1;
        _iss = initialSequence ?? (uint)Random.Shared.NextInt64(0, 1L << 32);
        _sndUna = _sndNxt = _sndMax = _iss;

        // RFC 7323 §2.2: scaling holds only if both SYNs carry the option; we send ours only in answer to the app's.
        var scaling = syn.TcpWindowScale >= 0;
        _clientWindowShift = scaling ? syn.TcpWindowScale : 0;
        _windowShift = scaling ? WindowShift : 0;
        _upload = scaling ? new ByteRing(InitialScaledRing, ScaledRingCapacity) : new ByteRing(RingCapacity);
        _download = scaling ? new ByteRing(InitialScaledRing, ScaledRingCapacity) : new ByteRing(RingCapacity);
        _clientWindow = syn.TcpWindow; // RFC 7323 §2.2: the window of a SYN is never scaled
        LastActivity = Environment.TickCount64;
    }

    /// <summary>Current state.</summary>
    public TcpState State { get; private set; } = TcpState.Connecting;

    /// <summary>MSS we announce in the SYN-ACK: TUN MTU minus IP and TCP headers.</summary>
    public int AnnouncedMss => _ourMss;

    /// <summary>Largest segment we send: the smaller of our MSS and the app's.</summary>
    public int SendMss => _sendMss;

    /// <summary>Largest payload of one packet we write: <see cref="SendMss"/>, or a super-segment of whole MSS when the sink takes them.</summary>
    public int BurstPayload => _burstPayload;

    /// <summary>Whether window scaling was agreed (the app's SYN offered it).</summary>
    public bool WindowScaling => _windowShift > 0;

    /// <summary>Our initial sequence number.</summary>
    public uint InitialSequence => _iss;

    /// <summary>Environment.TickCount64 of the last app segment or upstream event.</summary>
    public long LastActivity { get; private set; }

    /// <summary>When TimeWait or Closed began.</summary>
    public long FinishedAt { get; private set; }

    /// <summary>Starts the outbound connection.</summary>
    public void Start() => _upstream.Connect(this);

    /// <summary>The outbound socket connected: answer the SYN.</summary>
    public void OnUpstreamConnected()
    {
        lock (_gate)
        {
            if (State != TcpState.Connecting)
            {
                return;
            }

            State = TcpState.SynAckSent;
            _sndNxt = _sndMax = _iss + 1;
            SendSynAck();
        }
    }

    /// <summary>The outbound socket failed (connect refused, reset, timeout): reset the app's connection.</summary>
    public void OnUpstreamFailed()
    {
        lock (_gate)
        {
            if (State is TcpState.Closed or TcpState.TimeWait)
            {
                return;
            }

            if (State == TcpState.Connecting)
            {
                _stats.Add(Counter.TcpConnectFailures);
                SendSegment(0, _rcvNxt, TcpFlags.Rst | TcpFlags.Ack, 0);
            }
            else
            {
                SendSegment(_sndNxt, _rcvNxt, TcpFlags.Rst | TcpFlags.Ack, 0);
            }

            _stats.Add(Counter.TcpResetsSent);
            EnterClosed();
        }
    }

    /// <summary>Handles one segment from the app.</summary>
    public void OnSegment(ReadOnlySpan<byte> packet, in ParsedPacket p)
    {
        lock (_gate)
        {
            LastActivity = Environment.TickCount64;
            _flow.UpdateFrom(packet, p);
            var flags = p.TcpFlags;
            if (State == TcpState.Closed)
            {
                return;
            }

            if ((flags & TcpFlags.Rst) != 0)
            {
                OnReset(p);
                return;
            }

            if ((flags & TcpFlags.Syn) != 0)
            {
                OnDuplicateSyn(p);
                return;
            }

            if ((flags & TcpFlags.Ack) == 0)
            {
                return; // RFC 9293 §3.10.7.4: a non-SYN segment without ACK is dropped
            }

            if (State == TcpState.Connecting)
            {
                return;
            }

            if (State == TcpState.SynAckSent)
            {
                if (p.TcpAcknowledgment != _iss + 1)
                {
                    SendSegment(p.TcpAcknowledgment, 0, TcpFlags.Rst, 0);
                    return;
                }

                // The ACK covers our SYN, not data: step past it here so ProcessAck frees no ring byte for it.
                _sndUna = _iss + 1;
                State = TcpState.Established;
            }

            var needAck = State == TcpState.TimeWait && (p.PayloadLength > 0 || (flags & TcpFlags.Fin) != 0);
            if (State == TcpState.Established)
            {
                ProcessAck(p);
                needAck |= AcceptData(packet.Slice(p.PayloadOffset, p.PayloadLength), p.TcpSequence);
                needAck |= AcceptFin(p);
            }

            if (needAck)
            {
                SendAck();
            }

            SendPending();
            CheckFinished();
        }
    }

    /// <summary>Periodic work: retransmission on timeout. Called every ~100 ms.</summary>
    public void OnTimer(long now)
    {
        lock (_gate)
        {
            if (State == TcpState.SynAckSent && now - _lastProgress > _rtoMilliseconds)
            {
                SendSynAck();
                BackOff(now);
            }
            else if (State == TcpState.Established && _sndNxt != _sndUna && now - _lastProgress > _rtoMilliseconds)
            {
                OnRetransmissionTimeout();
                BackOff(now);
            }
            else if (State == TcpState.Established && _sndNxt == _sndUna && _clientWindow == 0 && _download.Count > 0 && now - _lastProgress > _rtoMilliseconds)
            {
                SendWindowProbe();
                BackOff(now);
            }
        }
    }

    /// <summary>Whether the reaper should remove this flow at <paramref name="now"/>.</summary>
    public bool IsExpired(long now, int idleMilliseconds)
    {
        lock (_gate)
        {
            return State switch
            {
                TcpState.Closed => true,
                TcpState.TimeWait => now - FinishedAt > TimeWaitMilliseconds,
                TcpState.Established => now - LastActivity > idleMilliseconds,
                _ => now - LastActivity > 30_000,
            };
        }
    }

    /// <summary>Removes the flow: resets both sides unless it already finished.</summary>
    public void Terminate()
    {
        lock (_gate)
        {
            if (State is TcpState.Closed or TcpState.TimeWait)
            {
                _upstream.Close();
                State = TcpState.Closed;
                return;
            }

            if (State != TcpState.Connecting)
            {
                SendSegment(_sndNxt, _rcvNxt, TcpFlags.Rst | TcpFlags.Ack, 0);
                _stats.Add(Counter.TcpResetsSent);
            }

            _upstream.Abort();
            EnterClosed();
        }
    }
}
