using FluentAssertions;
using Nat64Harness.Packets;
using Nat64Harness.Packets.Tests.Support;
using PacketDotNet;
using PacketDotNet.Utils;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>
/// The test packets and this library's checksum code agree with PacketDotNet, an independent implementation,
/// so the oracle tests cannot pass merely because builder and oracle share a mistake.
/// </summary>
public sealed class PacketDotNetCrossCheckTests
{
    public static TheoryData<string> Packets => new()
    {
        "udp-6to4",           // IPv6 UDP and IPv4 UDP
        "tcp-4to6",           // IPv4 TCP and IPv6 TCP
        "echo-6to4",          // ICMPv6 (pseudo-header) and ICMPv4 (none)
        "time-exceeded-4to6", // ICMP errors carrying embedded packets
    };

    [Theory]
    [MemberData(nameof(Packets))]
    public void Checksums_OfTestPackets_AreValidForPacketDotNet(string scenario)
    {
        // Given
        var (before, after) = OraclePositiveTests.Scenario(scenario);

        foreach (var bytes in new[] { before.Build(), after.Build() })
        {
            // When
            var ip = (IPPacket)(bytes[0] >> 4 == 4 ? new IPv4Packet(new ByteArraySegment(bytes)) : new IPv6Packet(new ByteArraySegment(bytes)));

            // Then
            if (ip is IPv4Packet v4)
            {
                v4.ValidIPChecksum.Should().BeTrue();
            }

            switch (ip.PayloadPacket)
            {
                case UdpPacket udp:
                    udp.ValidUdpChecksum.Should().BeTrue();
                    break;
                case TcpPacket tcp:
                    tcp.ValidTcpChecksum.Should().BeTrue();
                    break;
                case IcmpV4Packet icmp4:
                    icmp4.ValidIcmpChecksum.Should().BeTrue();
                    break;
                case IcmpV6Packet icmp6:
                    icmp6.ValidIcmpChecksum.Should().BeTrue();
                    break;
                default:
                    throw new InvalidOperationException($"unexpected payload {ip.PayloadPacket?.GetType().Name}");
            }
        }
    }

    [Fact]
    public void Checksum_OfPacketDotNetUdp_VerifiesWithInternetChecksum()
    {
        // Given: PacketDotNet builds and checksums an IPv6 UDP packet
        var udp = new UdpPacket(40000, 7) { PayloadData = TranslationPairs.Data };
        var ip = new IPv6Packet(System.Net.IPAddress.Parse(TranslationPairs.Client6), System.Net.IPAddress.Parse(TranslationPairs.Server6)) { PayloadPacket = udp, HopLimit = 64 };
        udp.UpdateUdpChecksum();
        ip.UpdateCalculatedValues();
        var bytes = ip.Bytes;

        // When
        var parsed = IpPacket.TryParse(bytes, embedded: false, out var packet, out var error);

        // Then
        parsed.Should().BeTrue(error);
        InternetChecksum.VerifyWithPseudoHeader(packet!.SourceBytes, packet.DestinationBytes, IpProtocol.Udp, packet.Upper.Span).Should().BeTrue();
        packet.SourcePort.Should().Be(40000);
        packet.LengthField.Should().Be(8 + TranslationPairs.Data.Length);
    }

    [Fact]
    public void Checksums_OfCorruptedTestPackets_AreInvalidForPacketDotNet()
    {
        // Given: the cross-check above must be able to fail — one payload byte flipped in each family
        var (v6, v4) = TranslationPairs.Udp6To4();
        var bytes6 = v6.Build();
        var bytes4 = v4.Build();
        bytes6[^1] ^= 0xFF;
        bytes4[^1] ^= 0xFF;
        bytes4[8] ^= 0x01;

        // When
        var udp6 = new IPv6Packet(new ByteArraySegment(bytes6)).Extract<UdpPacket>();
        var ip4 = new IPv4Packet(new ByteArraySegment(bytes4));

        // Then
        udp6.ValidUdpChecksum.Should().BeFalse();
        ip4.ValidIPChecksum.Should().BeFalse();
        ip4.Extract<UdpPacket>().ValidUdpChecksum.Should().BeFalse();
    }
}
