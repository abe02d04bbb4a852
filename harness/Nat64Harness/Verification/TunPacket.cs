using System.Buffers.Binary;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>
/// One packet of a TUN capture with the way it went: a Linux cooked capture records whether the namespace's kernel
/// sent it into the TUN (the app's request) or received it from the TUN (what the VPN wrote). A raw-IP capture
/// records no direction: then every packet is taken as written by the VPN (a capture of "in" only).
/// </summary>
internal sealed record TunPacket(long Index, DateTimeOffset Timestamp, TrafficDirection Direction, ReadOnlyMemory<byte> Bytes, IpPacket? Ip, string? Error)
{
    private const byte PacketOutgoing = 4;

    /// <summary>Reads every IP packet of <paramref name="pcap"/> with its direction.</summary>
    public static IEnumerable<TunPacket> Read(string pcap)
    {
        using var reader = PcapReader.Open(pcap);
        foreach (var frame in reader.ReadFrames())
        {
            if (!frame.TryGetIp(out var bytes))
            {
                continue;
            }

            var data = frame.Data.Span;
            var direction = frame.LinkType switch
            {
                LinkTypes.LinuxSll2 when data.Length > 10 => data[10] == PacketOutgoing ? TrafficDirection.Outbound : TrafficDirection.Inbound,
                LinkTypes.LinuxSll when data.Length > 2 => BinaryPrimitives.ReadUInt16BigEndian(data) == PacketOutgoing ? TrafficDirection.Outbound : TrafficDirection.Inbound,
                _ => TrafficDirection.Inbound,
            };
            var parsed = IpPacket.TryParse(bytes, embedded: false, out var ip, out var error);
            yield return new TunPacket(frame.Index, frame.Timestamp, direction, bytes, parsed ? ip : null, parsed ? null : error);
        }
    }

    /// <summary>IPv6 traffic class's ECN field (RFC 3168 §5): 0 Not-ECT, 1 ECT(1), 2 ECT(0), 3 CE.</summary>
    public int Ecn => Ip is null ? 0 : Ip.TrafficClass & 0x03;
}
