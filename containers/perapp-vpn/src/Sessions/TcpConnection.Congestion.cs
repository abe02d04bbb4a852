using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;

namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>
/// Congestion control toward the app, Reno with NewReno recovery (RFC 5681, RFC 6582). Without it, 200 flows
/// resending whole windows overflowed the TUN queue, and every resent duplicate drew more duplicate ACKs.
/// </summary>
public sealed partial class TcpConnection
{
    /// <summary>RFC 6928 initial window.</summary>
    private const int InitialWindowSegments = 10;

    /// <summary>Current congestion window in bytes (exposed for tests).</summary>
    public int CongestionWindow => _congestionWindow;

    /// <summary>New data acknowledged: grow the window, or go on repairing holes after a fast retransmit.</summary>
    private void OnNewAck(uint ack, int acked)
    {
        if (_rtoRecovery && !SeqLt(ack, _recover))
        {
            _rtoRecovery = false;
        }

        if (_fastRecovery)
        {
            if (SeqLt(ack, _recover))
            {
                RetransmitOne(); // partial ACK: the next hole starts at the new _sndUna
                return;
            }

            _fastRecovery = false;
            _congestionWindow = _slowStartThreshold;
            return;
        }

        _congestionWindow += _congestionWindow < _slowStartThreshold
            ? Math.Min(acked, _sendMss)
            : Math.Max(1, _sendMss * _sendMss / _congestionWindow);
        _congestionWindow = Math.Min(_congestionWindow, 4 * RingCapacity);
    }

    /// <summary>Three duplicate ACKs: resend the one missing segment, halve the window, once per window of data.</summary>
    private void OnThirdDuplicateAck()
    {
        if (_fastRecovery || (_rtoRecovery && SeqLt(_sndUna, _recover)))
        {
            return; // duplicates of what we already resent say nothing new
        }

        _stats.Add(Counter.TcpRetransmits);
        HalveWindow();
        _congestionWindow = _slowStartThreshold;
        _fastRecovery = true;
        _recover = _sndMax;
        RetransmitOne();
    }

    /// <summary>Retransmission timeout: resend from the oldest byte with a one-segment window.</summary>
    private void OnRetransmissionTimeout()
    {
        _stats.Add(Counter.TcpRetransmits);
        HalveWindow();
        _congestionWindow = _sendMss;
        _fastRecovery = false;
        _rtoRecovery = true;
        _recover = _sndMax;
        GoBackN();
    }

    private void HalveWindow() => _slowStartThreshold = Math.Max((int)(_sndMax - _sndUna) / 2, 2 * _sendMss);

    private void RetransmitOne()
    {
        var length = Math.Min(_sendMss, _download.Count);
        if (length > 0)
        {
            _download.Peek(0, length, out var first, out var second);
            SendSegment(_sndUna, _rcvNxt, TcpFlags.Ack, length, first, second);
        }
        else if (_finAssigned && !_finAcked)
        {
            SendSegment(_finSeq, _rcvNxt, TcpFlags.Fin | TcpFlags.Ack, 0);
        }

        _lastProgress = Environment.TickCount64;
    }
}
