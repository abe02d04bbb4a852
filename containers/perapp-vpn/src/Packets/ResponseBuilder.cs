using System.Buffers.Binary;
using Nat64Harness.PerAppVpn.Faults;

namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>
/// Builds the packets the VPN writes back into the TUN: the client's last header with source and destination
/// swapped, lengths and identification updated, checksums recomputed. Every header-level fault lives here,
/// each at one line marked <c>// FAULT:</c>.
/// </summary>
public sealed class ResponseBuilder(Fault fault)
{
    /// <summary>Hop limit / TTL of every response: a fresh value, as a host originating the packet would use.</summary>
    public const byte ResponseHopLimit = 64;

    /// <summary>Largest response any builder method writes: IPv6 header + UDP header + 65527 bytes would not fit a TUN anyway.</summary>
    public const int MaxPacket = 65535;

    /// <summary>The fault this builder injects.</summary>
    public Fault Fault { get; } = fault;

    /// <summary>Writes a TCP segment (data may come in two parts, as from a ring buffer).</summary>
    public int WriteTcp(Span<byte> destination, FlowTemplate flow, uint sequence, uint acknowledgment, TcpFlags flags, ushort window,
        ReadOnlySpan<byte> options, ReadOnlySpan<byte> data1, ReadOnlySpan<byte> data2)
    {
        var headerLength = TcpHeader.MinLength + options.Length;
        var l4Length = headerLength + data1.Length + data2.Length;
        var ipLength = WriteIpHeader(destination, flow, IpProtocol.Tcp, l4Length);
        var l4 = destination.Slice(ipLength, l4Length);
        BinaryPrimitives.WriteUInt16BigEndian(l4, flow.RemotePort);
        BinaryPrimitives.WriteUInt16BigEndian(l4[2..], flow.ClientPort);
        BinaryPrimitives.WriteUInt32BigEndian(l4[TcpHeader.SequenceOffset..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(l4[TcpHeader.AcknowledgmentOffset..], acknowledgment);
        l4[TcpHeader.DataOffsetOffset] = (byte)(headerLength / 4 << 4);
        l4[TcpHeader.FlagsOffset] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(l4[TcpHeader.WindowOffset..], window);
        BinaryPrimitives.WriteUInt32BigEndian(l4[TcpHeader.ChecksumOffset..], 0); // checksum and urgent pointer
        options.CopyTo(l4[TcpHeader.MinLength..]);
        data1.CopyTo(l4[headerLength..]);
        data2.CopyTo(l4[(headerLength + data1.Length)..]);
        WriteL4Checksum(destination, flow.Version, IpProtocol.Tcp, l4, TcpHeader.ChecksumOffset);
        return Finish(ipLength + l4Length);
    }

    /// <summary>Writes a UDP datagram carrying <paramref name="payload"/>.</summary>
    public int WriteUdp(Span<byte> destination, FlowTemplate flow, ReadOnlySpan<byte> payload)
    {
        var l4Length = UdpHeader.Length + payload.Length;
        var ipLength = WriteIpHeader(destination, flow, IpProtocol.Udp, l4Length);
        var l4 = destination.Slice(ipLength, l4Length);
        BinaryPrimitives.WriteUInt16BigEndian(l4, flow.RemotePort);
        BinaryPrimitives.WriteUInt16BigEndian(l4[2..], flow.ClientPort);
        BinaryPrimitives.WriteUInt16BigEndian(l4[UdpHeader.LengthOffset..], (ushort)l4Length);
        BinaryPrimitives.WriteUInt16BigEndian(l4[UdpHeader.ChecksumOffset..], 0);
        payload.CopyTo(l4[UdpHeader.Length..]);
        WriteL4Checksum(destination, flow.Version, IpProtocol.Udp, l4, UdpHeader.ChecksumOffset);
        return Finish(ipLength + l4Length);
    }

    /// <summary>Writes an ICMP echo reply (ICMPv6 type 129 or ICMPv4 type 0).</summary>
    public int WriteEchoReply(Span<byte> destination, FlowTemplate flow, ushort sequence, ReadOnlySpan<byte> data)
    {
        var v6 = flow.Version == 6;
        var protocol = v6 ? IpProtocol.IcmpV6 : IpProtocol.Icmp;
        var l4Length = IcmpEchoHeader.Length + data.Length;
        var ipLength = WriteIpHeader(destination, flow, protocol, l4Length);
        var l4 = destination.Slice(ipLength, l4Length);
        l4[0] = v6 ? IcmpEchoHeader.EchoReplyV6 : IcmpEchoHeader.EchoReplyV4;
        if (v6 && Fault == Fault.WrongIcmpv6EchoType)
        {
            l4[0] = IcmpEchoHeader.EchoRequestV6; // FAULT: wrong-icmpv6-echo-type
        }

        l4[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(l4[IcmpEchoHeader.ChecksumOffset..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(l4[IcmpEchoHeader.IdentifierOffset..], flow.ClientPort);
        BinaryPrimitives.WriteUInt16BigEndian(l4[IcmpEchoHeader.SequenceOffset..], sequence);
        data.CopyTo(l4[IcmpEchoHeader.Length..]);
        WriteL4Checksum(destination, flow.Version, protocol, l4, IcmpEchoHeader.ChecksumOffset);
        return Finish(ipLength + l4Length);
    }

    private int WriteIpHeader(Span<byte> destination, FlowTemplate flow, byte protocol, int l4Length)
    {
        var length = flow.CopyHeaderTo(destination);
        var swap = Fault != Fault.NoAddressSwap; // FAULT: no-address-swap
        if (flow.Version == 6)
        {
            if (swap)
            {
                SwapAddresses(destination, Ipv6Header.SourceOffset, Ipv6Header.DestinationOffset, 16);
            }

            // The traffic class's DSCP and the flow label stay the client's; its ECN field does not: a CE mark is a
            // router's, and ECT would claim an ECN-capable transport this relay does not have (RFC 3168 §5).
            destination[1] &= 0xCF;
            var payloadLength = Fault == Fault.BadPayloadLength ? l4Length + 8 : l4Length; // FAULT: bad-payload-length
            BinaryPrimitives.WriteUInt16BigEndian(destination[Ipv6Header.PayloadLengthOffset..], (ushort)payloadLength);
            destination[Ipv6Header.NextHeaderOffset] = protocol;
            destination[Ipv6Header.HopLimitOffset] = Fault switch
            {
                Fault.HopLimitZero => 0, // FAULT: hop-limit-zero
                Fault.HopLimitCopied => unchecked((byte)(flow.RequestHopLimit - 1)), // FAULT: hop-limit-copied
                _ => ResponseHopLimit,
            };
            return length;
        }

        if (swap)
        {
            SwapAddresses(destination, Ipv4Header.SourceOffset, Ipv4Header.DestinationOffset, 4);
        }

        destination[0] = 0x45; // options of the request are not repeated
        destination[1] &= 0xFC; // the ECN field of the TOS byte: not the client's (RFC 3168 §5)
        BinaryPrimitives.WriteUInt16BigEndian(destination[Ipv4Header.TotalLengthOffset..], (ushort)(length + l4Length));
        BinaryPrimitives.WriteUInt16BigEndian(destination[Ipv4Header.IdentificationOffset..], flow.NextIdentification());
        destination[Ipv4Header.FlagsFragmentOffset] &= 0x40; // keep DF, clear MF and the fragment offset
        destination[Ipv4Header.FlagsFragmentOffset + 1] = 0;
        destination[Ipv4Header.TtlOffset] = ResponseHopLimit;
        destination[Ipv4Header.ProtocolOffset] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(destination[Ipv4Header.ChecksumOffset..], 0);
        var checksum = Checksum.Finish(Checksum.Add(0, destination[..length]));
        BinaryPrimitives.WriteUInt16BigEndian(destination[Ipv4Header.ChecksumOffset..], checksum);
        return length;
    }

    private void WriteL4Checksum(Span<byte> packet, byte version, byte protocol, Span<byte> l4, int checksumOffset)
    {
        uint sum = 0;
        if (version == 6)
        {
            sum = Checksum.PseudoHeaderV6(packet.Slice(Ipv6Header.SourceOffset, 16), packet.Slice(Ipv6Header.DestinationOffset, 16), l4.Length, protocol);
        }
        else if (protocol != IpProtocol.Icmp)
        {
            sum = Checksum.PseudoHeaderV4(packet.Slice(Ipv4Header.SourceOffset, 4), packet.Slice(Ipv4Header.DestinationOffset, 4), l4.Length, protocol);
        }

        var checksum = Checksum.Finish(Checksum.Add(sum, l4));
        if (protocol == IpProtocol.Udp && checksum == 0)
        {
            checksum = 0xFFFF; // RFC 768: a computed zero is sent as all ones
        }

        if (version == 6 && Fault == Fault.BadL4ChecksumV6)
        {
            checksum ^= 0x0F0F; // FAULT: bad-l4-checksum-v6
        }

        BinaryPrimitives.WriteUInt16BigEndian(l4[checksumOffset..], checksum);
    }

    private int Finish(int length) => Fault == Fault.Truncate1280 ? Math.Min(length, 1280) : length; // FAULT: truncate-1280

    private static void SwapAddresses(Span<byte> header, int source, int destination, int size)
    {
        Span<byte> temporary = stackalloc byte[16];
        header.Slice(source, size).CopyTo(temporary);
        header.Slice(destination, size).CopyTo(header.Slice(source, size));
        temporary[..size].CopyTo(header.Slice(destination, size));
    }
}
