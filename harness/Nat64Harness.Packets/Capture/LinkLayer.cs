using System.Buffers.Binary;

namespace Nat64Harness.Capture;

/// <summary>Finds the IP packet inside a link-layer frame.</summary>
internal static class LinkLayer
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const int EthernetHeaderLength = 14;
    private const int VlanTagLength = 4;
    private const int MaxVlanTags = 8;
    private const int SllHeaderLength = 16;
    private const int SllProtocolOffset = 14;
    private const int Sll2HeaderLength = 20;
    private const int NullHeaderLength = 4;

    /// <summary>
    /// Locates the IP packet. Returns false for frames that carry no IP (ARP, LLDP, ...) or are too short
    /// to hold their own link header.
    /// </summary>
    public static bool TryLocateIp(int linkType, ReadOnlySpan<byte> frame, out int offset, out int length)
    {
        offset = 0;
        length = 0;
        switch (linkType)
        {
            case LinkTypes.Raw or LinkTypes.RawBsd or LinkTypes.RawOpenBsd:
                return frame.Length > 0 && frame[0] >> 4 is 4 or 6 && Whole(frame, 0, out offset, out length);
            case LinkTypes.Ipv4 or LinkTypes.Ipv6:
                return frame.Length > 0 && Whole(frame, 0, out offset, out length);
            case LinkTypes.Ethernet:
                return TryEthernet(frame, out offset, out length);
            case LinkTypes.LinuxSll:
                return frame.Length >= SllHeaderLength
                    && IsIpEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame[SllProtocolOffset..]))
                    && Whole(frame, SllHeaderLength, out offset, out length);
            case LinkTypes.LinuxSll2:
                return frame.Length >= Sll2HeaderLength
                    && IsIpEtherType(BinaryPrimitives.ReadUInt16BigEndian(frame))
                    && Whole(frame, Sll2HeaderLength, out offset, out length);
            case LinkTypes.Null or LinkTypes.Loop:
                return frame.Length >= NullHeaderLength
                    && (IsIpFamily(BinaryPrimitives.ReadUInt32LittleEndian(frame)) || IsIpFamily(BinaryPrimitives.ReadUInt32BigEndian(frame)))
                    && Whole(frame, NullHeaderLength, out offset, out length);
            default:
                return false;
        }
    }

    private static bool TryEthernet(ReadOnlySpan<byte> frame, out int offset, out int length)
    {
        offset = 0;
        length = 0;
        if (frame.Length < EthernetHeaderLength)
        {
            return false;
        }

        var typeOffset = 12;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[typeOffset..]);
        for (var tags = 0; etherType is 0x8100 or 0x88A8 or 0x9100; tags++)
        {
            typeOffset += VlanTagLength;
            if (tags == MaxVlanTags || frame.Length < typeOffset + 2)
            {
                return false;
            }

            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[typeOffset..]);
        }

        if (!IsIpEtherType(etherType))
        {
            return false;
        }

        offset = typeOffset + 2;
        length = TrimEthernetPadding(frame[offset..]);
        return true;
    }

    // Ethernet pads short frames to 60 bytes; the padding is not part of the IP packet.
    private static int TrimEthernetPadding(ReadOnlySpan<byte> ip)
    {
        if (ip.Length >= 20 && ip[0] >> 4 == 4)
        {
            int total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
            return total >= 20 && total < ip.Length ? total : ip.Length;
        }

        if (ip.Length >= 40 && ip[0] >> 4 == 6)
        {
            var total = 40 + BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
            return total < ip.Length ? total : ip.Length;
        }

        return ip.Length;
    }

    private static bool Whole(ReadOnlySpan<byte> frame, int start, out int offset, out int length)
    {
        offset = start;
        length = frame.Length - start;
        return length > 0;
    }

    private static bool IsIpEtherType(ushort etherType) => etherType is EtherTypeIpv4 or EtherTypeIpv6;

    // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 23 (Windows), 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (Darwin).
    private static bool IsIpFamily(uint family) => family is 2 or 10 or 23 or 24 or 28 or 30;
}
