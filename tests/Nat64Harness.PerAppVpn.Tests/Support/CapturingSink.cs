using Nat64Harness.PerAppVpn.Packets;

namespace Nat64Harness.PerAppVpn.Tests.Support;

/// <summary>Packet sink that keeps a copy of every packet the VPN would write to the TUN.</summary>
public sealed class CapturingSink : IPacketSink
{
    public List<byte[]> Packets { get; } = [];

    /// <summary>The segment size each packet was sent with (0: a plain packet).</summary>
    public List<int> SegmentSizes { get; } = [];

    /// <summary>Whether the connection may hand over TCP super-segments, as to a TUN with offload.</summary>
    public bool TakesSuperSegments { get; init; }

    public byte[] Rent(int minimumLength) => new byte[Math.Max(minimumLength, 2048)];

    public void Send(byte[] buffer, int length, int segmentSize = 0)
    {
        lock (Packets)
        {
            Packets.Add(buffer[..length]);
            SegmentSizes.Add(segmentSize);
        }
    }

    /// <summary>Parses every captured packet (they must all parse) and clears the list.</summary>
    public List<(byte[] Bytes, ParsedPacket Parsed)> Take()
    {
        lock (Packets)
        {
            var result = Packets.Select(p =>
            {
                PacketParser.TryParse(p, out var parsed, out var reason).Should().BeTrue($"the VPN must emit valid packets, got {reason}");
                return (p, parsed);
            }).ToList();
            Packets.Clear();
            SegmentSizes.Clear();
            return result;
        }
    }
}
