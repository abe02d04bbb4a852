using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>The app-to-VPN half: RST, SYN, ACK, data and FIN of segments the app sent.</summary>
public sealed partial class TcpConnection
{
    private void OnReset(in ParsedPacket p)
    {
        // RFC 5961 §3: accept a RST only in the window (state SynAckSent: any RST that names our ISN's ACK space).
        var offset = p.TcpSequence - _rcvNxt;
        if (State != TcpState.Connecting && offset > (uint)Math.Max(_upload.Free, 1))
        {
            return;
        }

        _stats.Add(Counter.TcpResetsReceived);
        _upstream.Abort();
        EnterClosed();
    }

    private void OnDuplicateSyn(in ParsedPacket p)
    {
        if (State == TcpState.SynAckSent && p.TcpSequence + 1 == _rcvNxt)
        {
            SendSynAck(); // our SYN-ACK was lost
        }
        else if (State is TcpState.Established or TcpState.TimeWait)
        {
            SendAck(); // RFC 5961 §4 challenge ACK
        }
    }

    private void ProcessAck(in ParsedPacket p)
    {
        var ack = p.TcpAcknowledgment;
        var window = (uint)p.TcpWindow << _clientWindowShift;
        if (SeqGt(ack, _sndMax))
        {
            return; // acknowledges what we never sent
        }

        if (SeqGt(ack, _sndUna))
        {
            var acked = (int)(ack - _sndUna);
            if (_finAssigned && !_finAcked && SeqGt(ack, _finSeq))
            {
                acked--;
                _finAcked = true;
            }

            _download.Consume(acked);
            _sndUna = ack;
            if (SeqGt(ack, _sndNxt))
            {
                _sndNxt = ack; // acked past a go-back-N rewind: skip what arrived already
                if (_finAcked)
                {
                    _finSent = true;
                }
            }

            _duplicateAcks = 0;
            _lastProgress = Environment.TickCount64;
            SampleRoundTrip(ack);
            _rtoMilliseconds = RetransmissionTimeout;
            OnNewAck(ack, acked);

            // Wake a download pump that found the ring full only once a quarter of it is free: each wake-up then
            // receives a large piece instead of the few segments one ACK freed.
            if (_download.Free >= _download.MaxCapacity / 4)
            {
                _upstream.DownloadSpaceAvailable();
            }
        }
        else if (ack == _sndUna && p.PayloadLength == 0 && (p.TcpFlags & TcpFlags.Fin) == 0 && window == _clientWindow && _sndNxt != _sndUna)
        {
            if (++_duplicateAcks == 3)
            {
                OnThirdDuplicateAck();
            }
        }

        _clientWindow = window;
    }

    /// <summary>Accepts in-order app data into the upload ring; returns whether an ACK is due.</summary>
    private bool AcceptData(ReadOnlySpan<byte> data, uint sequence)
    {
        if (data.IsEmpty)
        {
            return false;
        }

        if (SeqLt(sequence, _rcvNxt))
        {
            var already = _rcvNxt - sequence;
            if (already >= (uint)data.Length)
            {
                return true; // pure retransmission
            }

            data = data[(int)already..];
            sequence = _rcvNxt;
        }

        if (sequence != _rcvNxt || _clientFin)
        {
            _stats.Add(Counter.TcpOutOfOrder);
            return true; // duplicate ACK asks for the gap
        }

        var accepted = _upload.Write(data);
        if (accepted < data.Length)
        {
            _stats.Add(Counter.TcpWindowFull);
        }

        _rcvNxt += (uint)accepted;
        if (accepted > 0)
        {
            _upstream.UploadAvailable();
        }

        return true;
    }

    private bool AcceptFin(in ParsedPacket p)
    {
        if ((p.TcpFlags & TcpFlags.Fin) == 0)
        {
            return false;
        }

        if (_builder.Fault == Fault.IgnoreFin)
        {
            return false; // FAULT: ignore-fin
        }

        var finSequence = p.TcpSequence + (uint)p.PayloadLength;
        if (!_clientFin && finSequence == _rcvNxt)
        {
            _rcvNxt++;
            _clientFin = true;
            _upstream.UploadAvailable();
        }

        return true;
    }
}
