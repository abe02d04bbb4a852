namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>Why a packet read from the TUN was not forwarded. Every drop is counted under one of these.</summary>
public enum DropReason
{
    None = 0,
    Empty,
    BadIpVersion,
    Ipv4Truncated,
    Ipv4BadHeaderLength,
    Ipv4BadTotalLength,
    Ipv4BadHeaderChecksum,
    Ipv4Fragment,
    Ipv6Truncated,
    Ipv6BadPayloadLength,
    Ipv6ExtensionHeaderTruncated,
    Ipv6TooManyExtensionHeaders,
    Ipv6Fragment,
    UnknownProtocol,
    TcpTruncated,
    TcpBadDataOffset,
    TcpBadChecksum,
    UdpTruncated,
    UdpBadLength,
    UdpBadChecksum,
    IcmpTruncated,
    IcmpBadChecksum,
    IcmpNotEchoRequest,
    TcpNoSession,
    TcpSegmentOutOfWindow,
    SessionLimit,
    UpstreamSendFailed,
    FaultNoIpv6,

    /// <summary>A bug in the VPN threw while handling the packet; the packet is dropped, the VPN goes on.</summary>
    InternalError,
}
