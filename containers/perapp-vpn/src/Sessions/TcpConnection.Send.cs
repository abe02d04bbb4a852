using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>The VPN-to-app half: data segments within the app's window, FIN, retransmission, and segment building.</summary>
public sealed partial class TcpConnection
{
    private void SendPending()
    {
        if (State != TcpState.Established)
        {
            return;
        }

        var wasIdle = _sndNxt == _sndUna;
        if (!_finSent)
        {
            while (true)
            {
                var offset = (int)(_sndNxt - _sndUna);
                var unsent = _download.Count - offset;
                var room = Math.Min(_clientWindow, (long)_congestionWindow) - offset;
                var length = (int)Math.Min(Math.Min(unsent, _burstPayload), room);
                if (length <= 0)
                {
                    break;
                }

                _download.Peek(offset, length, out var first, out var second);
                var flags = length == unsent ? TcpFlags.Ack | TcpFlags.Psh : TcpFlags.Ack;
                SendSegment(_sndNxt, _rcvNxt, flags, length, first, second);
                StartRoundTripTiming(_sndNxt, length);
                _sndNxt += (uint)length;
            }

            if (_upstreamEof && (int)(_sndNxt - _sndUna) == _download.Count)
            {
                _finSeq = _sndNxt;
                _finAssigned = true;
                _finSent = true;
                SendSegment(_sndNxt, _rcvNxt, TcpFlags.Fin | TcpFlags.Ack, 0);
                _sndNxt++;
            }
        }

        if (SeqGt(_sndNxt, _sndMax))
        {
            _sndMax = _sndNxt;
        }

        if (wasIdle && _sndNxt != _sndUna)
        {
            _lastProgress = Environment.TickCount64;
        }
    }

    private void GoBackN()
    {
        _sndNxt = _sndUna;
        if (_finAssigned && !_finAcked)
        {
            _finSent = false;
        }

        _duplicateAcks = 0;
        SendPending();
    }

    private void SendWindowProbe()
    {
        _download.Peek(0, 1, out var first, out var second);
        SendSegment(_sndUna, _rcvNxt, TcpFlags.Ack, 1, first, second);
        if (SeqGt(_sndUna + 1, _sndMax))
        {
            _sndMax = _sndUna + 1; // the app may accept the probe byte and acknowledge it
        }
    }

    private void BackOff(long now)
    {
        _lastProgress = now;
        _rtoMilliseconds = Math.Min(_rtoMilliseconds * 2, MaxRtoMilliseconds);
    }

    private void CheckFinished()
    {
        if (State == TcpState.Established && _clientFin && _uploadShutdown && _finAcked)
        {
            State = TcpState.TimeWait;
            FinishedAt = Environment.TickCount64;
            _upstream.Close();
        }
    }

    private void EnterClosed()
    {
        State = TcpState.Closed;
        FinishedAt = Environment.TickCount64;
    }

    private void SendSynAck()
    {
        Span<byte> options = stackalloc byte[8];
        options[0] = 2; // MSS, RFC 9293 §3.2
        options[1] = 4;
        options[2] = (byte)(_ourMss >> 8);
        options[3] = (byte)_ourMss;
        var length = 4;
        if (_windowShift > 0)
        {
            options[4] = 1; // NOP, so the header stays a multiple of 4 bytes
            options[5] = 3; // window scale, RFC 7323 §2.2
            options[6] = 3;
            options[7] = (byte)_windowShift;
            length = 8;
        }

        _lastProgress = Environment.TickCount64;
        Emit(_iss, _rcvNxt, TcpFlags.Syn | TcpFlags.Ack, options[..length], 0, default, default);
    }

    private void SendAck() => SendSegment(_sndNxt, _rcvNxt, TcpFlags.Ack, 0);

    private void SendSegment(uint sequence, uint acknowledgment, TcpFlags flags, int length, ReadOnlySpan<byte> first = default, ReadOnlySpan<byte> second = default)
        => Emit(sequence, acknowledgment, flags, default, length, first, second);

    private void Emit(uint sequence, uint acknowledgment, TcpFlags flags, ReadOnlySpan<byte> options, int length, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var window = WindowField(flags);
        _lastAdvertisedWindow = (flags & TcpFlags.Syn) != 0 ? window : window << _windowShift;
        var buffer = _sink.Rent(Ipv6Header.Length + TcpHeader.MinLength + options.Length + length);
        var size = _builder.WriteTcp(buffer, _flow, sequence, acknowledgment, flags, window, options, first, second);
        _sink.Send(buffer, size, length > _sendMss ? _sendMss : 0);
    }

    /// <summary>
    /// The window field: the upload ring's free space, scaled down by our shift (RFC 7323 §2.3: rounded down, so we
    /// never offer room we lack); a SYN's is never scaled (§2.2) and a RST's is 0.
    /// </summary>
    private ushort WindowField(TcpFlags flags)
    {
        if ((flags & TcpFlags.Rst) != 0)
        {
            return 0;
        }

        var shift = (flags & TcpFlags.Syn) != 0 ? 0 : _windowShift;
        return (ushort)Math.Min(_upload.Free >> shift, ushort.MaxValue);
    }

    /// <summary>Largest payload of a super-segment: whole MSS-sized segments within the 65535-byte IP length field.</summary>
    internal static int SuperSegmentPayload(int mss, bool v6)
    {
        var room = ushort.MaxValue - (v6 ? 0 : Ipv4Header.MinLength) - TcpHeader.MinLength; // IPv6 payload length excludes its header
        return Math.Max(mss, room / mss * mss);
    }

    private static bool SeqLt(uint a, uint b) => (int)(a - b) < 0;

    private static bool SeqGt(uint a, uint b) => (int)(a - b) > 0;
}
