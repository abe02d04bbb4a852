namespace Nat64Harness.PerAppVpn.Tests.Support;

/// <summary>
/// A deliberately naive RFC 1071 checksum (byte pairs, no unrolling), so tests never verify the VPN's
/// checksum code with itself.
/// </summary>
public static class IndependentChecksum
{
    /// <summary>One's-complement sum of <paramref name="data"/> folded and complemented.</summary>
    public static ushort Compute(params byte[][] parts)
    {
        long sum = 0;
        foreach (var data in parts)
        {
            for (var i = 0; i < data.Length; i += 2)
            {
                var high = data[i];
                var low = i + 1 < data.Length ? data[i + 1] : (byte)0;
                sum += (high << 8) | low;
            }
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>True when the upper-layer checksum of an IPv6 or IPv4 packet (no extension headers / options) verifies.</summary>
    public static bool UpperLayerVerifies(byte[] packet)
    {
        var v6 = packet[0] >> 4 == 6;
        var headerLength = v6 ? 40 : (packet[0] & 0x0F) * 4;
        var protocol = v6 ? packet[6] : packet[9];
        var l4 = packet[headerLength..];
        if (!v6 && protocol == 1)
        {
            return Compute(l4) == 0;
        }

        var pseudo = v6
            ? [.. packet[8..40], 0, 0, (byte)(l4.Length >> 8), (byte)l4.Length, 0, 0, 0, protocol]
            : new byte[] { packet[12], packet[13], packet[14], packet[15], packet[16], packet[17], packet[18], packet[19], 0, protocol, (byte)(l4.Length >> 8), (byte)l4.Length };
        return Compute(pseudo, l4) == 0;
    }

    /// <summary>True when an IPv4 header checksum verifies.</summary>
    public static bool Ipv4HeaderVerifies(byte[] packet) => Compute(packet[..((packet[0] & 0x0F) * 4)]) == 0;

    /// <summary>Recomputes the IPv4 header checksum of <paramref name="packet"/> after a test changed a header field.</summary>
    public static void RefreshIpv4Header(byte[] packet)
    {
        packet[10] = packet[11] = 0;
        var sum = Compute(packet[..((packet[0] & 0x0F) * 4)]);
        (packet[10], packet[11]) = ((byte)(sum >> 8), (byte)sum);
    }
}
