namespace Nat64Harness.Model;

/// <summary>
/// The kernel's view of the probe's TCP socket (TCP_INFO, linux/tcp.h), as the probe read it when a flow failed or
/// stalled: what <c>ss -tin</c> prints. Named as the probe prints them (snake case of these names).
/// </summary>
public sealed record TcpSocketInfo
{
    /// <summary>TCP state (ESTABLISHED, SYN_SENT...).</summary>
    public string? State { get; init; }

    /// <summary>Consecutive retransmissions of the same data (timeouts in a row).</summary>
    public int Retransmits { get; init; }

    /// <summary>Exponential backoff of the retransmission timer.</summary>
    public int Backoff { get; init; }

    /// <summary>The retransmission timeout, in microseconds.</summary>
    public long RtoUs { get; init; }

    /// <summary>The MSS it sends with (TCP payload of a full-size segment, options excluded).</summary>
    public int SndMss { get; init; }

    /// <summary>The MSS it receives with.</summary>
    public int RcvMss { get; init; }

    /// <summary>Segments sent and not yet acknowledged.</summary>
    public int Unacked { get; init; }

    /// <summary>Segments selectively acknowledged.</summary>
    public int Sacked { get; init; }

    /// <summary>Segments the kernel considers lost.</summary>
    public int Lost { get; init; }

    /// <summary>Segments retransmitted and not yet acknowledged.</summary>
    public int Retrans { get; init; }

    /// <summary>Milliseconds since data was last sent.</summary>
    public long LastDataSentMs { get; init; }

    /// <summary>Milliseconds since data was last received.</summary>
    public long LastDataRecvMs { get; init; }

    /// <summary>Milliseconds since an acknowledgment was last received.</summary>
    public long LastAckRecvMs { get; init; }

    /// <summary>The path MTU the socket uses: the size of its full-size packets.</summary>
    public int Pmtu { get; init; }

    /// <summary>Smoothed round-trip time, in microseconds.</summary>
    public long RttUs { get; init; }

    /// <summary>Congestion window, in segments.</summary>
    public int SndCwnd { get; init; }

    /// <summary>The MSS it advertised.</summary>
    public int Advmss { get; init; }

    /// <summary>Retransmissions over the connection's life.</summary>
    public long TotalRetrans { get; init; }

    /// <summary>Bytes the peer acknowledged (the SYN and FIN count one each).</summary>
    public long BytesAcked { get; init; }

    /// <summary>Bytes received in order.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Segments sent.</summary>
    public long SegsOut { get; init; }

    /// <summary>Segments received.</summary>
    public long SegsIn { get; init; }

    /// <summary>Segments sent with data.</summary>
    public long DataSegsOut { get; init; }

    /// <summary>Bytes sent, retransmissions included.</summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes retransmitted.</summary>
    public long BytesRetrans { get; init; }

    /// <summary>The peer's receive window.</summary>
    public long SndWnd { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{State}, mss {SndMss}, pmtu {Pmtu}, lost {Lost}, retrans {Retrans} (total {TotalRetrans}, {BytesRetrans} B), unacked {Unacked}, " +
        $"bytes acked {BytesAcked}, received {BytesReceived}, rto {RtoUs / 1000} ms, backoff {Backoff}, cwnd {SndCwnd}";
}
