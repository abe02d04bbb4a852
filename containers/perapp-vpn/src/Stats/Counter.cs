namespace Nat64Harness.PerAppVpn.Stats;

/// <summary>Traffic counters kept beside the drop reasons.</summary>
public enum Counter
{
    TunPacketsIn,
    TunBytesIn,
    TunPacketsInV4,
    TunPacketsInV6,
    TunPacketsOut,
    TunBytesOut,
    TunWriteErrors,
    TcpSessionsOpened,
    TcpConnectFailures,
    TcpResetsSent,
    TcpResetsReceived,
    TcpRetransmits,
    TcpOutOfOrder,
    TcpWindowFull,
    UdpSessionsOpened,
    UdpDatagramsOut,
    UdpDatagramsIn,
    UdpUpstreamErrors,
    EchoSessionsOpened,
    EchoRequestsOut,
    EchoRepliesIn,
    SessionsReaped,
}
