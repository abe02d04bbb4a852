namespace Nat64Harness.Packets;

/// <summary>The transport and ICMP part of the field vocabulary (see FieldNames.cs).</summary>
public static partial class FieldNames
{
    /// <summary>TCP Source Port.</summary>
    public const string TcpSourcePort = "tcp.source_port";

    /// <summary>TCP Destination Port.</summary>
    public const string TcpDestinationPort = "tcp.destination_port";

    /// <summary>TCP Sequence Number.</summary>
    public const string TcpSequence = "tcp.sequence";

    /// <summary>TCP Acknowledgment Number.</summary>
    public const string TcpAcknowledgment = "tcp.acknowledgment";

    /// <summary>TCP Data Offset (header length in 32-bit words) and the reserved bits beside it.</summary>
    public const string TcpDataOffset = "tcp.data_offset";

    /// <summary>TCP control bits.</summary>
    public const string TcpFlags = "tcp.flags";

    /// <summary>TCP Window.</summary>
    public const string TcpWindow = "tcp.window";

    /// <summary>TCP Urgent Pointer.</summary>
    public const string TcpUrgentPointer = "tcp.urgent_pointer";

    /// <summary>TCP options bytes.</summary>
    public const string TcpOptions = "tcp.options";

    /// <summary>TCP Checksum.</summary>
    public const string TcpChecksum = "tcp.checksum";

    /// <summary>The whole TCP segment but its checksum (and, stateful, its mapped port).</summary>
    public const string TcpSegment = "tcp.segment";

    /// <summary>UDP Source Port.</summary>
    public const string UdpSourcePort = "udp.source_port";

    /// <summary>UDP Destination Port.</summary>
    public const string UdpDestinationPort = "udp.destination_port";

    /// <summary>UDP Length.</summary>
    public const string UdpLength = "udp.length";

    /// <summary>UDP Checksum.</summary>
    public const string UdpChecksum = "udp.checksum";

    /// <summary>UDP Length and payload (everything but ports and checksum).</summary>
    public const string UdpLengthAndPayload = "udp.length_and_payload";

    /// <summary>ICMPv4 Type.</summary>
    public const string IcmpType = "icmp.type";

    /// <summary>ICMPv4 Code.</summary>
    public const string IcmpCode = "icmp.code";

    /// <summary>ICMPv4 Checksum.</summary>
    public const string IcmpChecksum = "icmp.checksum";

    /// <summary>ICMPv4 echo Identifier.</summary>
    public const string IcmpIdentifier = "icmp.identifier";

    /// <summary>ICMPv4 echo Sequence Number.</summary>
    public const string IcmpSequence = "icmp.sequence";

    /// <summary>ICMPv4 echo data.</summary>
    public const string IcmpData = "icmp.data";

    /// <summary>ICMPv4 Fragmentation Needed next-hop MTU (RFC 1191).</summary>
    public const string IcmpMtu = "icmp.mtu";

    /// <summary>ICMPv4 Parameter Problem pointer.</summary>
    public const string IcmpPointer = "icmp.pointer";

    /// <summary>ICMPv4 unused bytes of the rest of the header.</summary>
    public const string IcmpUnused = "icmp.unused";

    /// <summary>ICMPv4 bytes 4-7 where no finer field applies.</summary>
    public const string IcmpRestOfHeader = "icmp.rest_of_header";

    /// <summary>ICMPv4 RFC 4884 length attribute (32-bit words of the original datagram field).</summary>
    public const string IcmpLength = "icmp.length";

    /// <summary>Zero padding of an RFC 4884 ICMPv4 original datagram field.</summary>
    public const string IcmpPadding = "icmp.padding";

    /// <summary>RFC 4884 extension structure after an ICMPv4 original datagram field.</summary>
    public const string IcmpExtension = "icmp.extension";

    /// <summary>Checksum of an RFC 4884 extension structure in an ICMPv4 message.</summary>
    public const string IcmpExtensionChecksum = "icmp.extension.checksum";

    /// <summary>ICMPv6 Type.</summary>
    public const string Icmpv6Type = "icmpv6.type";

    /// <summary>ICMPv6 Code.</summary>
    public const string Icmpv6Code = "icmpv6.code";

    /// <summary>ICMPv6 Checksum.</summary>
    public const string Icmpv6Checksum = "icmpv6.checksum";

    /// <summary>ICMPv6 echo Identifier.</summary>
    public const string Icmpv6Identifier = "icmpv6.identifier";

    /// <summary>ICMPv6 echo Sequence Number.</summary>
    public const string Icmpv6Sequence = "icmpv6.sequence";

    /// <summary>ICMPv6 echo data.</summary>
    public const string Icmpv6Data = "icmpv6.data";

    /// <summary>ICMPv6 Packet Too Big MTU.</summary>
    public const string Icmpv6Mtu = "icmpv6.mtu";

    /// <summary>ICMPv6 Parameter Problem pointer.</summary>
    public const string Icmpv6Pointer = "icmpv6.pointer";

    /// <summary>ICMPv6 bytes 4-7 where no finer field applies.</summary>
    public const string Icmpv6RestOfHeader = "icmpv6.rest_of_header";

    /// <summary>ICMPv6 RFC 4884 length attribute (64-bit words of the original datagram field).</summary>
    public const string Icmpv6Length = "icmpv6.length";

    /// <summary>Zero padding of an RFC 4884 ICMPv6 original datagram field.</summary>
    public const string Icmpv6Padding = "icmpv6.padding";

    /// <summary>RFC 4884 extension structure after an ICMPv6 original datagram field.</summary>
    public const string Icmpv6Extension = "icmpv6.extension";

    /// <summary>Checksum of an RFC 4884 extension structure in an ICMPv6 message.</summary>
    public const string Icmpv6ExtensionChecksum = "icmpv6.extension.checksum";
}
