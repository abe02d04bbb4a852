using System.Buffers.Binary;
using System.Text;
using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Tests.Support;

namespace Nat64Harness.PerAppVpn.Tests;

public sealed class ResponseBuilderTests
{
    private static readonly byte[] Reply = Encoding.ASCII.GetBytes("reply payload");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UdpReply_SwapsAddressesAndPorts_FixesLengthsAndChecksums(bool v6)
    {
        // Given
        var request = Requests.Udp(v6, [1, 2, 3], hopLimit: 17);

        // When
        var response = Build(Fault.None, request, Kind.Udp);

        // Then
        PacketParser.TryParse(response, out var p, out var reason).Should().BeTrue(reason.ToString());
        Address(response, source: true).Should().Equal(Address(request, source: false));
        Address(response, source: false).Should().Equal(Address(request, source: true));
        p.SourcePort.Should().Be(Requests.RemotePort);
        p.DestinationPort.Should().Be(Requests.AppPort);
        response.AsSpan(p.PayloadOffset, p.PayloadLength).ToArray().Should().Equal(Reply);
        IndependentChecksum.UpperLayerVerifies(response).Should().BeTrue();
        p.HopLimit.Should().Be(64, "a response is a new packet with a fresh hop limit, not the request's 17");
        if (v6)
        {
            BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(4)).Should().Be((ushort)(8 + Reply.Length));
            response[1..4].Should().Equal(request[1..4], "traffic class (its ECN field is zero here) and flow label are copied from the client's header");
        }
        else
        {
            BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(2)).Should().Be((ushort)response.Length);
            IndependentChecksum.Ipv4HeaderVerifies(response).Should().BeTrue();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TcpSegment_TwoDataParts_ChecksumVerifiesIndependently(bool v6)
    {
        var request = Requests.Tcp(v6, 100, 200, 0x10);

        var response = Build(Fault.None, request, Kind.Tcp);

        IndependentChecksum.UpperLayerVerifies(response).Should().BeTrue();
        PacketParser.TryParse(response, out var p, out _).Should().BeTrue();
        p.TcpSequence.Should().Be(5000);
        p.TcpAcknowledgment.Should().Be(6000);
        p.TcpFlags.Should().Be(TcpFlags.Ack | TcpFlags.Psh);
        p.TcpWindow.Should().Be(4321);
        response.AsSpan(p.PayloadOffset, p.PayloadLength).ToArray().Should().Equal([.. Reply, .. Reply]);
    }

    [Theory]
    [InlineData(true, 129)]
    [InlineData(false, 0)]
    public void EchoReply_HasReplyTypeSameIdentifierAndData(bool v6, byte expectedType)
    {
        var request = Requests.EchoRequest(v6, 0xBEEF, 3, Reply);

        var response = Build(Fault.None, request, Kind.Echo);

        IndependentChecksum.UpperLayerVerifies(response).Should().BeTrue();
        var l4 = v6 ? 40 : 20;
        response[l4].Should().Be(expectedType);
        BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(l4 + 4)).Should().Be(0xBEEF);
        BinaryPrimitives.ReadUInt16BigEndian(response.AsSpan(l4 + 6)).Should().Be(3);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reply_ToACongestionMarkedRequest_KeepsTheDscpButNotTheEcnField(bool v6)
    {
        // Given a request in DSCP AF41 (0x88) marked CE (0x03) by a congested router
        var request = Requests.Udp(v6, [1, 2, 3]);
        if (v6)
        {
            (request[0], request[1]) = ((byte)(0x60 | (0x8B >> 4)), (byte)((0x8B & 0x0F) << 4 | (request[1] & 0x0F)));
        }
        else
        {
            request[1] = 0x8B;
            IndependentChecksum.RefreshIpv4Header(request);
        }

        // When the VPN answers it
        var response = Build(Fault.None, request, Kind.Udp);

        // Then the answer is in AF41 without the mark (a copied header would carry CE back)
        var trafficClass = v6 ? (response[0] & 0x0F) << 4 | response[1] >> 4 : response[1];
        trafficClass.Should().Be(0x88);
        if (!v6)
        {
            IndependentChecksum.Ipv4HeaderVerifies(response).Should().BeTrue();
        }
    }

    [Fact]
    public void Ipv4Replies_IdentificationChangesPerPacket()
    {
        var request = Requests.Udp(false, [1]);
        var flow = Flow(request);
        var builder = new ResponseBuilder(Fault.None);
        var first = new byte[100];
        var second = new byte[100];

        builder.WriteUdp(first, flow, Reply);
        builder.WriteUdp(second, flow, Reply);

        BinaryPrimitives.ReadUInt16BigEndian(first.AsSpan(4)).Should().NotBe(BinaryPrimitives.ReadUInt16BigEndian(second.AsSpan(4)));
    }

    public enum Kind { Udp, Tcp, Echo }

    internal static byte[] Build(Fault fault, byte[] request, Kind kind)
    {
        var flow = Flow(request);
        var builder = new ResponseBuilder(fault);
        var buffer = new byte[4096];
        PacketParser.TryParse(request, out var p, out _);
        var length = kind switch
        {
            Kind.Udp => builder.WriteUdp(buffer, flow, Reply),
            Kind.Tcp => builder.WriteTcp(buffer, flow, 5000, 6000, TcpFlags.Ack | TcpFlags.Psh, 4321, default, Reply, Reply),
            _ => builder.WriteEchoReply(buffer, flow, p.EchoSequence, Reply),
        };
        return buffer[..length];
    }

    internal static FlowTemplate Flow(byte[] request)
    {
        PacketParser.TryParse(request, out var p, out var reason).Should().BeTrue(reason.ToString());
        var flow = new FlowTemplate();
        flow.UpdateFrom(request, p);
        return flow;
    }

    private static byte[] Address(byte[] packet, bool source) => packet[0] >> 4 == 6
        ? (source ? packet[8..24] : packet[24..40])
        : (source ? packet[12..16] : packet[16..20]);
}
