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

        // Bytes acknowledged count whole, as Linux counts segments: the app's kernel acknowledges a super-segment (or
        // what its receive offload merged) with one stretch ACK, and growing by one MSS per ACK (RFC 5681's ceiling)
        // would keep the window at a few segments. Congestion avoidance counts bytes too (RFC 3465 §2.1): one MSS per
        // window of data acknowledged, however many ACKs it took.
        if (_congestionWindow < _slowStartThreshold)
        {
            _congestionWindow = (int)Math.Min((long)_congestionWindow + acked, _slowStartThreshold);
        }
        else
        {
            _bytesAckedInAvoidance += acked;
            if (_bytesAckedInAvoidance >= _congestionWindow)
            {
                _bytesAckedInAvoidance -= _congestionWindow;
                _congestionWindow += _sendMss;
            }
        }

        _congestionWindow = Math.Min(_congestionWindow, 4 * _download.MaxCapacity);
    }

    /// <summary>Three duplicate ACKs: resend the one missing segment, halve the window, once per window of data.</summary>
    private void OnThirdDuplicateAck()
    {
        if (_fastRecovery || (_rtoRecovery && SeqLt(_sndUna, _recover)))
        {
            return; // duplicates of what we already resent say nothing new
        }

        _stats.Add(Counter.TcpRetransmits);
        _rttTiming = false;
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
        _rttTiming = false;
        HalveWindow();
        _congestionWindow = _sendMss;
        _fastRecovery = false;
        _rtoRecovery = true;
        _recover = _sndMax;
        GoBackN();
    }

    /// <summary>RFC 6298 §2: SRTT + 4·RTTVAR, at least 200 ms (Linux's floor); the initial value until a sample exists.</summary>
    private int RetransmissionTimeout => _smoothedRtt < 0
        ? InitialRtoMilliseconds
        : Math.Clamp(_smoothedRtt + 4 * _rttVariance, 200, MaxRtoMilliseconds);

    /// <summary>Times one new segment per round trip (never a retransmitted one: Karn's rule).</summary>
    private void StartRoundTripTiming(uint sequence, int length)
    {
        if (!_rttTiming && !SeqLt(sequence, _sndMax))
        {
            _rttTiming = true;
            _rttSequence = sequence + (uint)length;
            _rttStart = Environment.TickCount64;
        }
    }

    private void SampleRoundTrip(uint ack)
    {
        if (!_rttTiming || SeqLt(ack, _rttSequence))
        {
            return;
        }

        _rttTiming = false;
        var sample = (int)Math.Min(Environment.TickCount64 - _rttStart, MaxRtoMilliseconds);
        if (_smoothedRtt < 0)
        {
            _smoothedRtt = sample;
            _rttVariance = sample / 2;
            return;
        }

        _rttVariance = (3 * _rttVariance + Math.Abs(_smoothedRtt - sample)) / 4;
        _smoothedRtt = (7 * _smoothedRtt + sample) / 8;
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
