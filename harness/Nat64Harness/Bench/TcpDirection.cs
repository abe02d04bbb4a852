namespace Nat64Harness.Bench;

/// <summary>Which way a TCP throughput test sends.</summary>
public enum TcpDirection
{
    /// <summary>Probe → echo server (IPv6 → IPv4 through the NAT64).</summary>
    Up,

    /// <summary>Echo server → probe.</summary>
    Down,

    /// <summary>Both at once, one stream each way.</summary>
    Both,
}
