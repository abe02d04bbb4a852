using System.Text;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Tests.Support;

namespace Nat64Harness.PerAppVpn.Tests;

public sealed class PacketParserTests
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Udp_Valid_ParsesPortsAndPayload(bool v6)
    {
        // Given
        var packet = Requests.Udp(v6, Hello);

        // When
        var ok = PacketParser.TryParse(packet, out var p, out var reason);

        // Then
        ok.Should().BeTrue(reason.ToString());
        p.Version.Should().Be(v6 ? (byte)6 : (byte)4);
        p.Protocol.Should().Be(IpProtocol.Udp);
        p.SourcePort.Should().Be(Requests.AppPort);
        p.DestinationPort.Should().Be(Requests.RemotePort);
        packet.AsSpan(p.PayloadOffset, p.PayloadLength).ToArray().Should().Equal(Hello);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Tcp_SynWithMss_ParsesSequenceFlagsAndMss(bool v6)
    {
        var packet = Requests.Tcp(v6, seq: 0xFFFFFFF0, ack: 0, flags: 0x02, mss: 1440);

        PacketParser.TryParse(packet, out var p, out var reason).Should().BeTrue(reason.ToString());

        p.TcpSequence.Should().Be(0xFFFFFFF0);
        p.TcpFlags.Should().Be(TcpFlags.Syn);
        p.TcpMss.Should().Be(1440);
        p.PayloadLength.Should().Be(0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EchoRequest_Valid_ParsesIdentifierAndSequence(bool v6)
    {
        var packet = Requests.EchoRequest(v6, id: 0x4242, seq: 7, Hello);

        PacketParser.TryParse(packet, out var p, out var reason).Should().BeTrue(reason.ToString());

        p.EchoIdentifier.Should().Be(0x4242);
        p.EchoSequence.Should().Be(7);
        p.PayloadLength.Should().Be(Hello.Length);
    }

    [Fact]
    public void Ipv6_WithHopByHopAndDestinationOptions_SkipsToUdp()
    {
        // Given: hop-by-hop (8 bytes, next = destination options), destination options (8 bytes, next = UDP)
        byte[] extensions = [60, 0, 1, 4, 0, 0, 0, 0, 17, 0, 1, 4, 0, 0, 0, 0];
        var l4 = Requests.Udp(true, Hello)[40..];
        l4[6] = l4[7] = 0;
        var packet = Requests.Wrap(true, 17, l4, 6, extensionHeaders: extensions);

        PacketParser.TryParse(packet, out var p, out var reason).Should().BeTrue(reason.ToString());

        p.L4Offset.Should().Be(56);
        p.Protocol.Should().Be(IpProtocol.Udp);
        packet.AsSpan(p.PayloadOffset, p.PayloadLength).ToArray().Should().Equal(Hello);
    }

    [Fact]
    public void Ipv6_FragmentHeader_IsDroppedAsFragment()
    {
        byte[] fragment = [17, 0, 0, 1, 0, 0, 0, 1]; // offset 0, M=1
        var l4 = Requests.Udp(true, Hello)[40..];
        var packet = Requests.Wrap(true, 17, l4, 6, extensionHeaders: fragment);
        packet[6] = 44;

        PacketParser.TryParse(packet, out _, out var reason).Should().BeFalse();
        reason.Should().Be(DropReason.Ipv6Fragment);
    }

    public static TheoryData<string, bool> AllKinds => new()
    {
        { "udp", true }, { "udp", false }, { "tcp", true }, { "tcp", false }, { "echo", true }, { "echo", false },
    };

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void AnyPacket_TruncatedAtEveryLength_IsRejectedWithoutThrowing(string kind, bool v6)
    {
        var packet = Build(kind, v6);
        for (var length = 0; length < packet.Length; length++)
        {
            var ok = PacketParser.TryParse(packet.AsSpan(0, length), out _, out var reason);
            ok.Should().BeFalse($"{kind} v{(v6 ? 6 : 4)} cut at {length} bytes");
            reason.Should().NotBe(DropReason.None);
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public void AnyPacket_OneFlippedBit_IsRejectedOrStillConsistent(string kind, bool v6)
    {
        var original = Build(kind, v6);
        for (var bit = 0; bit < original.Length * 8; bit++)
        {
            var packet = (byte[])original.Clone();
            packet[bit / 8] ^= (byte)(1 << (bit % 8));
            if (PacketParser.TryParse(packet, out var p, out _))
            {
                (p.PayloadOffset + p.PayloadLength).Should().BeLessThanOrEqualTo(packet.Length);
            }
        }
    }

    [Fact]
    public void Garbage_RandomBytes_NeverThrows()
    {
        var random = new Random(6052);
        var buffer = new byte[1600];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            // A third look like IPv6, a third like option-less IPv4, so the deeper parsers see garbage too.
            buffer[0] = (i % 3) switch { 0 => 0x60, 1 => 0x45, _ => buffer[0] };
            var length = random.Next(0, buffer.Length);
            var act = () => PacketParser.TryParse(buffer.AsSpan(0, length), out _, out _);
            act.Should().NotThrow();
        }
    }

    [Theory]
    [InlineData(true, 6, DropReason.TcpBadChecksum)]
    [InlineData(true, 17, DropReason.UdpBadChecksum)]
    [InlineData(true, 58, DropReason.IcmpBadChecksum)]
    [InlineData(false, 6, DropReason.TcpBadChecksum)]
    public void UpperLayer_CorruptPayloadByte_IsDroppedForChecksum(bool v6, byte protocol, DropReason expected)
    {
        var packet = protocol switch
        {
            6 => Requests.Tcp(v6, 1, 1, 0x18, Hello),
            17 => Requests.Udp(v6, Hello),
            _ => Requests.EchoRequest(v6, 1, 1, Hello),
        };
        packet[^1] ^= 0xFF;

        PacketParser.TryParse(packet, out _, out var reason).Should().BeFalse();
        reason.Should().Be(expected);
    }

    [Fact]
    public void Ipv4_BadHeaderChecksum_IsDropped()
    {
        var packet = Requests.Udp(false, Hello);
        packet[8] = 1; // TTL changed, checksum not

        PacketParser.TryParse(packet, out _, out var reason).Should().BeFalse();
        reason.Should().Be(DropReason.Ipv4BadHeaderChecksum);
    }

    [Theory]
    [InlineData(true, (byte)132)]  // SCTP
    [InlineData(false, (byte)47)]  // GRE
    public void UnknownProtocol_IsDroppedAsUnknown(bool v6, byte protocol)
    {
        var packet = Requests.Wrap(v6, protocol, new byte[16], 0);

        PacketParser.TryParse(packet, out _, out var reason).Should().BeFalse();
        reason.Should().Be(DropReason.UnknownProtocol);
    }

    [Fact]
    public void Icmpv6_RouterSolicitation_IsDroppedAsNotEcho()
    {
        var packet = Requests.Wrap(true, 58, [133, 0, 0, 0, 0, 0, 0, 0], 2); // what a fresh TUN emits

        PacketParser.TryParse(packet, out _, out var reason).Should().BeFalse();
        reason.Should().Be(DropReason.IcmpNotEchoRequest);
    }

    [Fact]
    public void Version5_IsDroppedAsBadVersion()
    {
        var packet = Requests.Udp(true, Hello);
        packet[0] = 0x50;

        PacketParser.TryParse(packet, out _, out var reason).Should().BeFalse();
        reason.Should().Be(DropReason.BadIpVersion);
    }

    private static byte[] Build(string kind, bool v6) => kind switch
    {
        "udp" => Requests.Udp(v6, Hello),
        "tcp" => Requests.Tcp(v6, 1000, 2000, 0x18, Hello, mss: 1400),
        _ => Requests.EchoRequest(v6, 9, 9, Hello),
    };
}
