namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>
/// What <see cref="PacketParser"/> learned about one packet: offsets into the borrowed buffer and the
/// header fields the sessions need. Holds no reference to the bytes, so it costs nothing to keep.
/// </summary>
public struct ParsedPacket
{
    /// <summary>4 or 6.</summary>
    public byte Version;

    /// <summary>Length of the fixed IP header: IHL*4 for IPv4, 40 for IPv6 (extension headers excluded).</summary>
    public int BaseHeaderLength;

    /// <summary>Offset of the upper-layer header (after IPv4 options or IPv6 extension headers).</summary>
    public int L4Offset;

    /// <summary>Upper-layer length as the IP header declares it.</summary>
    public int L4Length;

    /// <summary>Final upper-layer protocol (TCP, UDP, ICMP, ICMPv6).</summary>
    public byte Protocol;

    /// <summary>IPv4 TTL or IPv6 hop limit of the request.</summary>
    public byte HopLimit;

    /// <summary>Source address: IPv6 as 128 bits, IPv4 in the low 32 bits.</summary>
    public UInt128 Source;

    /// <summary>Destination address: IPv6 as 128 bits, IPv4 in the low 32 bits.</summary>
    public UInt128 Destination;

    /// <summary>TCP/UDP source port, or the ICMP echo identifier.</summary>
    public ushort SourcePort;

    /// <summary>TCP/UDP destination port; 0 for ICMP.</summary>
    public ushort DestinationPort;

    /// <summary>Offset of the upper-layer payload (TCP/UDP data, ICMP echo data).</summary>
    public int PayloadOffset;

    /// <summary>Length of the upper-layer payload.</summary>
    public int PayloadLength;

    public uint TcpSequence;
    public uint TcpAcknowledgment;
    public TcpFlags TcpFlags;
    public ushort TcpWindow;

    /// <summary>MSS option value, 0 when absent.</summary>
    public ushort TcpMss;

    /// <summary>Window-scale option shift, -1 when absent.</summary>
    public sbyte TcpWindowScale;

    public byte IcmpType;
    public ushort EchoIdentifier;
    public ushort EchoSequence;

    /// <summary>
    /// The TUN's offload header said the transport checksum is left partial (or was verified) by the app's own kernel:
    /// it was not checked, because the bytes carry only the pseudo-header sum.
    /// </summary>
    public bool ChecksumTrusted;

    /// <summary>True for IPv6.</summary>
    public readonly bool IsV6 => Version == 6;
}
