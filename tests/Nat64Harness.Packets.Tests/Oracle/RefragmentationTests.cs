using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;
using static Nat64Harness.Packets.Tests.Support.TranslationPairs;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>
/// One packet in, several out (or the reverse): RFC 7915 §4.1 has the translator fragment a DF=0 IPv4 packet larger
/// than the minimum IPv6 MTU — Tayga 0.9.2 cuts IPv4 fragments to 1232-byte IPv6 fragments — and a stateful NAT64
/// may reassemble first (RFC 6146 §3.4, Jool).
/// </summary>
public sealed class RefragmentationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Payload = Enumerable.Range(0, 1392).Select(i => (byte)(i * 7)).ToArray();

    private static CapturedPacket At(TestPacket p, double ms, long i) => new(i, T0.AddMilliseconds(ms), p.Build(), 0, LinkTypes.Raw);

    private static List<PairingEvent> Run(TestPacket[] v6, TestPacket[] v4, double v6Start, double v4Start) =>
        new Pairer(Context(), TimeSpan.FromSeconds(1)).Pair(
            v6.Select((p, i) => At(p, v6Start + (i * 0.01), i)), v4.Select((p, i) => At(p, v4Start + (i * 0.01), i))).ToList();

    // The server's 1420-byte UDP reply (DF=0) and the IPv6 fragments a translator cuts it into: 1232 + 168 bytes.
    private static (TestPacket Ipv4, TestPacket[] Ipv6) Cut(uint? identification = null, int firstPiece = 1232)
    {
        var udp6 = new TestPacket { Source = Server6, Destination = Client6, Upper = new UdpSpec(7, 40000, Payload) }.UpperBytes();
        var ipv4 = new TestPacket { Source = Server4, Destination = Pool4, Identification = 0x5151, Upper = new UdpSpec(7, 40000, Payload) };
        var id = identification ?? 0x5151;
        return (ipv4,
        [
            new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Ipv6Fragment = (id, 0, true), Upper = new RawSpec(17, udp6[..firstPiece]) },
            new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Ipv6Fragment = (id, firstPiece / 8, false), Upper = new RawSpec(17, udp6[firstPiece..]) },
        ]);
    }

    [Fact]
    public void Pair_DfClearPacketCutIntoIpv6Fragments_IsOneTranslationAndPasses()
    {
        // Given
        var (ipv4, ipv6) = Cut();

        // When
        var events = Run(ipv6, [ipv4], 0.1, 0);

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.Paired);
        events[0].Passed.Should().BeTrue(OracleTestHelper.Explain(events[0].Verdict!));
        events[0].Verdict!.Description.Should().EndWith("→ 2 IPv6 fragments");
    }

    [Fact]
    public void Pair_CutWithAnotherIdentification_FailsNamingTheIdentification()
    {
        // Given: RFC 7915 §4.1 copies the IPv4 identification into the Fragment header
        var (ipv4, ipv6) = Cut(identification: 0x77777777);

        // When
        var verdict = Run(ipv6, [ipv4], 0.1, 0).Single().Verdict!;

        // Then
        verdict.Failures.Select(f => f.Field).Should().OnlyContain(f => f == "ipv6.fragment.identification");
    }

    [Fact]
    public void Pair_CutIntoFragmentsLargerThanTheMinimumIpv6Mtu_FailsNamingThePayloadLength()
    {
        // Given: 1304 data bytes make a 1352-byte IPv6 fragment, beyond 1280
        var (ipv4, ipv6) = Cut(firstPiece: 1304);

        // When
        var verdict = Run(ipv6, [ipv4], 0.1, 0).Single().Verdict!;

        // Then
        verdict.Failures.Select(f => f.Field).Should().Equal("ipv6.payload_length");
    }

    [Fact]
    public void Pair_Ipv4FragmentRecutIntoIpv6Fragments_AsTaygaDoes_Passes()
    {
        // Given: the first IPv4 fragment (1376 data bytes, id 0x5151) recut into 1232 + 144; the second passes whole
        var udp4 = new TestPacket { Source = Server4, Destination = Pool4, Upper = new UdpSpec(7, 40000, Payload) }.UpperBytes();
        var udp6 = new TestPacket { Source = Server6, Destination = Client6, Upper = new UdpSpec(7, 40000, Payload) }.UpperBytes();
        var v4 = new[]
        {
            new TestPacket { Source = Server4, Destination = Pool4, Identification = 0x5151, MoreFragments = true, Upper = new RawSpec(17, udp4[..1376]) },
            new TestPacket { Source = Server4, Destination = Pool4, Identification = 0x5151, FragmentOffset = 172, Upper = new RawSpec(17, udp4[1376..]) },
        };
        var v6 = new[]
        {
            new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Ipv6Fragment = (0x5151, 0, true), Upper = new RawSpec(17, udp6[..1232]) },
            new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Ipv6Fragment = (0x5151, 154, true), Upper = new RawSpec(17, udp6[1232..1376]) },
            new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Ipv6Fragment = (0x5151, 172, false), Upper = new RawSpec(17, udp6[1376..]) },
        };

        // When
        var events = Run(v6, v4, 0.1, 0);

        // Then
        events.Should().HaveCount(2).And.OnlyContain(e => e.Outcome == PairingOutcome.Paired);
        events.Should().OnlyContain(e => e.Passed, string.Join("\n", events.Select(e => OracleTestHelper.Explain(e.Verdict!))));
    }

    [Theory]
    [InlineData(false, true)]  // reassembled and sent with DF=0: the IPv6 sender fragmented it (RFC 7915 §5.1.1 / RFC 6146 §3.4)
    [InlineData(true, false)]  // DF=1 on a packet the IPv6 sender fragmented
    public void Pair_Ipv6FragmentsReassembledIntoOneIpv4Packet_JudgedAsOneTranslation(bool df, bool passes)
    {
        // Given: the client's 1400-byte datagram in two IPv6 fragments, one 1428-byte IPv4 packet out
        var udp6 = new TestPacket { Source = Client6, Destination = Server6, Upper = new UdpSpec(40000, 7, Payload) }.UpperBytes();
        var v6 = new[]
        {
            new TestPacket { Source = Client6, Destination = Server6, Ipv6Fragment = (0x0A0B0C0D, 0, true), Upper = new RawSpec(17, udp6[..1232]) },
            new TestPacket { Source = Client6, Destination = Server6, Ipv6Fragment = (0x0A0B0C0D, 154, false), Upper = new RawSpec(17, udp6[1232..]) },
        };
        var v4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Identification = 0x2222, DontFragment = df, Upper = new UdpSpec(40000, 7, Payload) };

        // When
        var events = Run(v6, [v4], 0, 0.1);

        // Then
        events.Should().ContainSingle().Which.Verdict!.Description.Should().EndWith("(2 fragments) → 1 IPv4 packet");
        events[0].Passed.Should().Be(passes, OracleTestHelper.Explain(events[0].Verdict!));
        if (!passes)
        {
            events[0].Verdict!.Failures.Select(f => f.Field).Should().Equal("ipv4.df");
        }
    }

    [Fact]
    public void Pair_EchoReplyWithTheRequestsPayload_IsNotTakenForItsTranslation()
    {
        // Given: the request's IPv6 fragments are lost in the translator; the server's reply (same payload, ports swapped) is not their translation
        var udp6 = new TestPacket { Source = Client6, Destination = Server6, Upper = new UdpSpec(40000, 7, Payload) }.UpperBytes();
        var v6 = new[]
        {
            new TestPacket { Source = Client6, Destination = Server6, Ipv6Fragment = (0x0A0B0C0D, 0, true), Upper = new RawSpec(17, udp6[..1232]) },
            new TestPacket { Source = Client6, Destination = Server6, Ipv6Fragment = (0x0A0B0C0D, 154, false), Upper = new RawSpec(17, udp6[1232..]) },
        };
        var reply4 = new TestPacket { Source = Server4, Destination = Pool4, Upper = new UdpSpec(7, 40000, Payload) };

        // When
        var events = Run(v6, [reply4], 0, 0.1);

        // Then
        events.Should().NotContain(e => e.Outcome == PairingOutcome.Paired);
        events.Count(e => e.Outcome == PairingOutcome.Lost).Should().Be(3);
    }
}
