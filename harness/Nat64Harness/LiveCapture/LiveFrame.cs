using System.Buffers.Binary;
using Nat64Harness.Capture;
using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// Finds the IP packet in a frame of the link types live captures produce (Ethernet from a bridge, Linux cooked v2
/// from tcpdump on "any", raw IP), and the direction a cooked header records: in the probe's namespace, what the
/// kernel sent (packet type OUTGOING) is the probe's, what it received came back.
/// </summary>
internal static class LiveFrame
{
    private const int EthernetHeader = 14;
    private const int Sll2Header = 20;
    private const int Sll2PacketTypeOffset = 10;
    private const int SllHeader = 16;
    private const byte PacketOutgoing = 4;

    /// <summary>Locates the IP packet; false for frames that carry none.</summary>
    public static bool TryLocate(int linkType, ReadOnlySpan<byte> frame, out int offset, out int length, out TrafficDirection? direction)
    {
        direction = null;
        offset = 0;
        length = 0;
        switch (linkType)
        {
            case LinkTypes.Ethernet:
                var typeOffset = 12;
                while (frame.Length >= typeOffset + 2 && BinaryPrimitives.ReadUInt16BigEndian(frame[typeOffset..]) is 0x8100 or 0x88A8)
                {
                    typeOffset += 4;
                }

                if (frame.Length < typeOffset + 2 || BinaryPrimitives.ReadUInt16BigEndian(frame[typeOffset..]) is not (0x0800 or 0x86DD))
                {
                    return false;
                }

                offset = typeOffset + 2;
                length = WithoutEthernetPadding(frame[offset..]);
                return length > 0;
            case LinkTypes.LinuxSll2:
                if (frame.Length <= Sll2Header || BinaryPrimitives.ReadUInt16BigEndian(frame) is not (0x0800 or 0x86DD))
                {
                    return false;
                }

                direction = frame[Sll2PacketTypeOffset] == PacketOutgoing ? TrafficDirection.Outbound : TrafficDirection.Inbound;
                (offset, length) = (Sll2Header, frame.Length - Sll2Header);
                return true;
            case LinkTypes.LinuxSll:
                if (frame.Length <= SllHeader || BinaryPrimitives.ReadUInt16BigEndian(frame[14..]) is not (0x0800 or 0x86DD))
                {
                    return false;
                }

                direction = BinaryPrimitives.ReadUInt16BigEndian(frame) == PacketOutgoing ? TrafficDirection.Outbound : TrafficDirection.Inbound;
                (offset, length) = (SllHeader, frame.Length - SllHeader);
                return true;
            case LinkTypes.Raw or LinkTypes.Ipv4 or LinkTypes.Ipv6:
                (offset, length) = (0, frame.Length);
                return frame.Length > 0 && frame[0] >> 4 is 4 or 6;
            default:
                return false;
        }
    }

    // Ethernet pads short frames to 60 bytes; the padding is not part of the IP packet (and is no length error).
    private static int WithoutEthernetPadding(ReadOnlySpan<byte> ip)
    {
        var declared = ip.Length >= 20 && ip[0] >> 4 == 4 ? BinaryPrimitives.ReadUInt16BigEndian(ip[2..])
            : ip.Length >= 40 && ip[0] >> 4 == 6 ? 40 + BinaryPrimitives.ReadUInt16BigEndian(ip[4..])
            : ip.Length;
        return ip.Length + EthernetHeader <= 60 && declared < ip.Length ? declared : ip.Length;
    }
}
