using Nat64Harness.Packets;

namespace Nat64Harness.Packets.Tests.Support;

/// <summary>Turns the embedded UDP packet of a test ICMP error back into a <see cref="TestPacket"/> so one field can change.</summary>
internal static class InnerSpecs
{
    public static TestPacket Describe(byte[] packet)
    {
        IpPacket.TryParse(packet, embedded: true, out var parsed, out var error).Should(error);
        var udp = parsed!.Upper.ToArray();
        return new TestPacket
        {
            Source = parsed.Source.ToString(),
            Destination = parsed.Destination.ToString(),
            HopLimit = parsed.HopLimit,
            TrafficClass = parsed.TrafficClass,
            Upper = new UdpSpec(parsed.SourcePort!.Value, parsed.DestinationPort!.Value, udp[8..]),
        };
    }

    private static void Should(this bool ok, string error)
    {
        if (!ok)
        {
            throw new InvalidOperationException(error);
        }
    }
}
