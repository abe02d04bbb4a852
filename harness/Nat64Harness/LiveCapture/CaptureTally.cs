using System.Buffers.Binary;
using System.Net;
using Nat64Harness.Model;
using Nat64Harness.Packets;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// Counts what a capture point sees during an exchange, packet by packet as they arrive, in bounded memory: per
/// direction the sizes, TCP progress and retransmissions, and every packet a receiving kernel must drop (a
/// transport checksum that does not verify, a length field larger than the bytes present), plus the ICMP errors.
/// Where the pcap of a long exchange keeps only its start and end, this sees everything.
/// </summary>
/// <param name="far">The echo server's side (its synthesised prefix, or its IPv4 address): a packet addressed there travels outbound.</param>
public sealed class CaptureTally(IEnumerable<IPNetwork> far)
{
    private const int MaxIcmpKinds = 16;

    private readonly AddressMatcher _far = new(far);
    private readonly DirectionCounter _outbound = new();
    private readonly DirectionCounter _inbound = new();
    private readonly Dictionary<(TrafficDirection, int, int, int, IPAddress, IPAddress, int?), long> _icmp = [];
    private long _packets;
    private long _drops;

    /// <summary>
    /// Counts one frame as the capture's pcap holds it: the IP packet it carries, or, for a frame that carries none (ARP
    /// on an underlay, say), one captured packet with nothing in it to judge. So the count is never below what the pcap
    /// holds, as a capture record (<c>written</c> of <c>packets</c>) states it.
    /// </summary>
    /// <param name="linkType">The pcap link type of <paramref name="frame"/>.</param>
    /// <param name="timestamp">When it was seen.</param>
    /// <param name="frame">The frame, link header included.</param>
    /// <param name="cut">True when the capture holds less than the wire did.</param>
    public void AddFrame(int linkType, DateTimeOffset timestamp, ReadOnlySpan<byte> frame, bool cut)
    {
        if (LiveFrame.TryLocate(linkType, frame, out var offset, out var length, out var direction))
        {
            Add(timestamp, frame.Slice(offset, length), cut, direction);
        }
        else
        {
            _packets++;
        }
    }

    /// <summary>Counts one IP packet. <paramref name="cut"/>: the snap length cut it (its lengths and checksum are not judged).</summary>
    /// <param name="timestamp">When it was seen.</param>
    /// <param name="ip">The IP packet.</param>
    /// <param name="cut">True when the capture holds less than the wire did.</param>
    /// <param name="direction">The direction the link layer recorded, or null to tell it from the addresses.</param>
    public void Add(DateTimeOffset timestamp, ReadOnlySpan<byte> ip, bool cut, TrafficDirection? direction)
    {
        _packets++;
        var version = ip.IsEmpty ? 0 : ip[0] >> 4;
        if (version == 6 && ip.Length >= 40)
        {
            var way = direction ?? Direction(ip.Slice(24, 16));
            var counter = Of(way);
            counter.Count(timestamp, ip.Length);
            AddIpv6(timestamp, ip, cut, way, counter);
        }
        else if (version == 4 && ip.Length >= 20 && (ip[0] & 0x0F) * 4 is var ihl && ihl >= 20 && ip.Length >= ihl)
        {
            var way = direction ?? Direction(ip.Slice(16, 4));
            var counter = Of(way);
            counter.Count(timestamp, ip.Length);
            AddIpv4(timestamp, ip, ihl, cut, way, counter);
        }
        else
        {
            var counter = Of(direction ?? TrafficDirection.Inbound);
            counter.Count(timestamp, ip.Length);
            counter.BadLengths++;
            if (counter.WantsExample)
            {
                counter.Example($"#{_packets}: {ip.Length} bytes, not a whole IPv4 or IPv6 header");
            }
        }
    }

    /// <summary>Packets the capture itself lost (its buffer was full), as libpcap or tcpdump reported them.</summary>
    public void AddCaptureDrops(long drops) => _drops += drops;

    /// <summary>The counts so far, with what the pcap holds.</summary>
    public CaptureSummary Summarize(long written, DateTimeOffset? headEnd, DateTimeOffset? tailStart) =>
        new(_packets, written, headEnd, tailStart, _drops, _outbound.Summarize(), _inbound.Summarize(),
            _icmp.Select(e => new IcmpErrorSeen(e.Key.Item1, e.Key.Item2, e.Key.Item3, e.Key.Item4, e.Key.Item5, e.Key.Item6, e.Key.Item7, e.Value)).ToList());

    private DirectionCounter Of(TrafficDirection direction) => direction == TrafficDirection.Outbound ? _outbound : _inbound;

    // Toward the echo server's side is outbound; everything else (replies, errors sent back to the probe) inbound.
    private TrafficDirection Direction(ReadOnlySpan<byte> destination) => _far.Contains(destination) ? TrafficDirection.Outbound : TrafficDirection.Inbound;

    private void AddIpv6(DateTimeOffset timestamp, ReadOnlySpan<byte> ip, bool cut, TrafficDirection way, DirectionCounter counter)
    {
        var declared = 40 + BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if (!cut && declared > ip.Length)
        {
            counter.BadLengths++;
            if (counter.WantsExample)
            {
                counter.Example($"#{_packets}: IPv6 payload length {declared - 40}, but {ip.Length - 40} bytes follow (a receiver drops it as truncated)");
            }

            return;
        }

        var packet = ip[..Math.Min(declared, ip.Length)];
        var next = packet[6];
        var offset = 40;

        // Hop-by-hop, routing and destination options headers: skipped to reach the transport header.
        for (var hops = 0; next is 0 or 43 or 60 && hops < 8 && offset + 2 <= packet.Length; hops++)
        {
            next = packet[offset];
            offset += (packet[offset + 1] + 1) * 8;
        }

        var whole = true;
        if (next == 44 && offset + 8 <= packet.Length)
        {
            counter.Fragments++;
            var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]) & 0xFFF8;
            whole = fragmentOffset == 0 && (packet[offset + 3] & 1) == 0;
            next = packet[offset];
            offset += 8;
            if (fragmentOffset != 0)
            {
                return;
            }
        }

        if (offset > packet.Length)
        {
            return;
        }

        Transport(timestamp, packet, 6, next, packet[offset..], whole && !cut, way, counter);
    }

    private void AddIpv4(DateTimeOffset timestamp, ReadOnlySpan<byte> ip, int ihl, bool cut, TrafficDirection way, DirectionCounter counter)
    {
        int declared = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (!cut && (declared > ip.Length || declared < ihl))
        {
            counter.BadLengths++;
            if (counter.WantsExample)
            {
                counter.Example($"#{_packets}: IPv4 total length {declared}, but {ip.Length} bytes are there");
            }

            return;
        }

        if (FastChecksum.Fold(FastChecksum.Sum(ip[..ihl], 0)) != 0xFFFF)
        {
            counter.BadChecksums++;
            if (counter.WantsExample)
            {
                counter.Example($"#{_packets}: IPv4 header checksum does not verify (RFC 1812 §5.2.2: not forwarded)");
            }

            return;
        }

        var packet = ip[..Math.Min(declared, ip.Length)];
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var fragmentOffset = flags & 0x1FFF;
        var more = (flags & 0x2000) != 0;
        if (more || fragmentOffset != 0)
        {
            counter.Fragments++;
            if (fragmentOffset != 0)
            {
                return;
            }
        }

        Transport(timestamp, packet, 4, packet[9], packet[ihl..], !more && !cut, way, counter);
    }

    // The transport header of an unfragmented packet or a first fragment; its checksum only when the packet is whole.
    private void Transport(DateTimeOffset timestamp, ReadOnlySpan<byte> packet, int version, byte protocol, ReadOnlySpan<byte> segment, bool whole, TrafficDirection way, DirectionCounter counter)
    {
        var source = packet.Slice(version == 6 ? 8 : 12, version == 6 ? 16 : 4);
        var destination = packet.Slice(version == 6 ? 24 : 16, version == 6 ? 16 : 4);
        switch (protocol)
        {
            case IpProtocol.Tcp when segment.Length >= 20:
                var dataOffset = (segment[12] >> 4) * 4;
                var data = whole ? Math.Max(0, segment.Length - dataOffset) : 0;
                var key = new DirectionCounter.StreamKey(Key(source), Key(destination), BinaryPrimitives.ReadUInt16BigEndian(segment), BinaryPrimitives.ReadUInt16BigEndian(segment[2..]));
                counter.Segment(key, BinaryPrimitives.ReadUInt32BigEndian(segment[4..]), data, (segment[13] & 0x02) != 0);
                break;
            case IpProtocol.Udp when segment.Length >= 8:
                counter.UdpDatagrams++;
                int udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
                if (whole && udpLength != segment.Length)
                {
                    counter.BadLengths++;
                    if (counter.WantsExample)
                    {
                        counter.Example($"#{_packets}: UDP length {udpLength}, but the IP payload holds {segment.Length} bytes");
                    }

                    return;
                }

                if (BinaryPrimitives.ReadUInt16BigEndian(segment[6..]) == 0)
                {
                    if (version == 6)
                    {
                        counter.BadChecksums++;
                        if (counter.WantsExample)
                        {
                            counter.Example($"#{_packets}: IPv6 UDP with checksum 0 (RFC 8200 §8.1: discarded)");
                        }
                    }

                    return;
                }

                break;
            case IpProtocol.IcmpV6 or IpProtocol.Icmp when segment.Length >= 8:
                Icmp(packet, version, segment, way);
                break;
            case IpProtocol.Tcp or IpProtocol.Udp or IpProtocol.IcmpV6 or IpProtocol.Icmp:
                if (whole)
                {
                    counter.BadLengths++;
                    if (counter.WantsExample)
                    {
                        counter.Example($"#{_packets}: {Name(protocol)} header does not fit in {segment.Length} bytes");
                    }
                }

                return;
            default:
                return;
        }

        if (!whole)
        {
            return;
        }

        var valid = protocol == IpProtocol.Icmp
            ? FastChecksum.Fold(FastChecksum.Sum(segment, 0)) == 0xFFFF
            : FastChecksum.Verifies(source, destination, protocol, segment);

        // A TCP or UDP packet captured on the sending side before its device completed the checksum carries only the
        // pseudo-header's sum (Linux's CHECKSUM_PARTIAL): measured on a per-app VPN's TUN, where every packet the app sent
        // carried one, and every one of them reached the router. That is a packet in flight, not one a receiver
        // drops; one toward the probe is judged in full.
        if (!valid && way == TrafficDirection.Outbound && protocol is IpProtocol.Tcp or IpProtocol.Udp
            && BinaryPrimitives.ReadUInt16BigEndian(segment[(protocol == IpProtocol.Tcp ? 16 : 6)..]) == FastChecksum.PseudoHeaderSum(source, destination, protocol, segment.Length))
        {
            return;
        }

        if (!valid)
        {
            counter.BadChecksums++;
            var odd = segment.Length % 2 == 1;
            if (odd)
            {
                counter.BadChecksumsOddLength++;
            }

            if (counter.WantsExample)
            {
                counter.Example($"#{_packets} at {timestamp:HH:mm:ss.ffffff}: {Name(protocol)} checksum does not verify, {segment.Length}-byte {(odd ? "odd" : "even")}-length segment (the receiver drops it)");
            }
        }
    }

    private void Icmp(ReadOnlySpan<byte> packet, int version, ReadOnlySpan<byte> icmp, TrafficDirection way)
    {
        var type = icmp[0];
        var isError = version == 6 ? type is >= 1 and <= 4 : type is 3 or 11 or 12;
        if (!isError)
        {
            return;
        }

        int? mtu = (version, type, icmp[1]) switch
        {
            (6, 2, _) => (int)BinaryPrimitives.ReadUInt32BigEndian(icmp[4..]),
            (4, 3, 4) => BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]),
            _ => null,
        };
        var source = new IPAddress(packet.Slice(version == 6 ? 8 : 12, version == 6 ? 16 : 4));
        var destination = new IPAddress(packet.Slice(version == 6 ? 24 : 16, version == 6 ? 16 : 4));
        var key = (way, version, (int)type, (int)icmp[1], source, destination, mtu);
        if (_icmp.TryGetValue(key, out var count) || _icmp.Count < MaxIcmpKinds)
        {
            _icmp[key] = count + 1;
        }
    }

    private static UInt128 Key(ReadOnlySpan<byte> address) =>
        address.Length == 16 ? BinaryPrimitives.ReadUInt128BigEndian(address) : BinaryPrimitives.ReadUInt32BigEndian(address);

    private static string Name(byte protocol) => protocol switch
    {
        IpProtocol.Tcp => "TCP",
        IpProtocol.Udp => "UDP",
        IpProtocol.IcmpV6 => "ICMPv6",
        _ => "ICMP",
    };
}
