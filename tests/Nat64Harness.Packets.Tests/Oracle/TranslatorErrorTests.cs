using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class TranslatorErrorTests
{
    private const string TranslatorAs6 = "64:ff9b::6440:503";
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static List<PairingEvent> Run(TestPacket sent, TestPacket answer)
    {
        var v6Side = new[]
        {
            new CapturedPacket(0, T0, sent.Build(), 0, LinkTypes.Raw),
            new CapturedPacket(1, T0.AddMilliseconds(1), answer.Build(), 0, LinkTypes.Raw),
        };
        return new Pairer(TranslationPairs.Context(), TimeSpan.FromSeconds(1)).Pair(v6Side, []).ToList();
    }

    private static TestPacket ErrorFromTranslator(TestPacket about, byte type, byte code, uint rest = 0) =>
        new() { Source = TranslatorAs6, Destination = TranslationPairs.Client6, Upper = new IcmpSpec(type, code, rest, about.Build()) };

    [Fact]
    public void Pair_HopLimitExpiresAtTranslator_TimeExceededIsErrorReturnedAndPasses()
    {
        // Given: hop limit 1 reaches the translator; it answers Time Exceeded from its prefix-mapped address
        var (sent, _) = TranslationPairs.Udp6To4();
        sent = sent with { HopLimit = 1 };

        // When
        var events = Run(sent, ErrorFromTranslator(sent, 3, 0));

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.ErrorReturned);
        events[0].Passed.Should().BeTrue(OracleTestHelper.Explain(events[0].Verdict!));
        PairingReport.Collect(events, "v6", "v4").Conforms.Should().BeTrue();
    }

    [Theory]
    [InlineData(64, 1, 0, "icmpv6.type")]   // hop limit fine, yet the translator refuses with Destination Unreachable
    [InlineData(1, 3, 1, "icmpv6.type")]    // hop limit expired, but code 1 (reassembly) instead of 0
    public void Pair_WrongErrorFromTranslator_FailsNamingField(byte hopLimit, byte type, byte code, string field)
    {
        // Given
        var (sent, _) = TranslationPairs.Udp6To4();
        sent = sent with { HopLimit = hopLimit };

        // When
        var events = Run(sent, ErrorFromTranslator(sent, type, code));

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.ErrorReturned);
        events[0].Verdict!.Failures.Select(f => f.Field).Should().Contain(field);
    }

    [Fact]
    public void Pair_ErrorEmbeddingAnotherPacket_IsNotTakenAsTheAnswer()
    {
        // Given: the error embeds a different flow (other source port)
        var (sent, _) = TranslationPairs.Udp6To4();
        sent = sent with { HopLimit = 1 };
        var other = sent with { Upper = new UdpSpec(40999, 7, TranslationPairs.Data) };

        // When
        var events = Run(sent, ErrorFromTranslator(other, 3, 0));

        // Then
        events.Select(e => e.Outcome).Should().BeEquivalentTo([PairingOutcome.Lost, PairingOutcome.Unexplained]);
    }

    [Fact]
    public void Pair_ErrorEmbeddingAlteredPacket_FailsOnInnerPacket()
    {
        // Given: the embedded copy is not the packet as sent (hop limit rewritten)
        var (sent, _) = TranslationPairs.Udp6To4();
        sent = sent with { HopLimit = 1 };

        // When
        var events = Run(sent, ErrorFromTranslator(sent with { HopLimit = 9 }, 3, 0));

        // Then
        events.Single().Verdict!.Failures.Select(f => f.Field).Should().Contain("inner.packet");
    }

    [Fact]
    public void Pair_Ipv4PacketTooBigWithDf_FragmentationNeededFromTranslatorPasses()
    {
        // Given: a 1400-byte IPv4 packet with DF reaches a translator whose IPv6 side allows 1280; it answers 3/4 MTU 1260
        var big = new byte[1400 - 28];
        var sent = new TestPacket { Source = TranslationPairs.Server4, Destination = TranslationPairs.Pool4, DontFragment = true, Upper = new UdpSpec(7, 40000, big) };
        var error = new TestPacket { Source = TranslationPairs.Nat64Ipv4, Destination = TranslationPairs.Server4, Upper = new IcmpSpec(3, 4, 1260, sent.Build()[..548]) };
        var v4Side = new[]
        {
            new CapturedPacket(0, T0, sent.Build(), 0, LinkTypes.Raw),
            new CapturedPacket(1, T0.AddMilliseconds(1), error.Build(), 0, LinkTypes.Raw),
        };

        // When: the IPv4 capture is given as the "before" stream
        var events = new Pairer(TranslationPairs.Context(), TimeSpan.FromSeconds(1)).Pair(v4Side, []).ToList();

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.ErrorReturned);
        events[0].Passed.Should().BeTrue(OracleTestHelper.Explain(events[0].Verdict!));
        events[0].Verdict!.Direction.Should().Be(TranslationDirection.Ipv4ToIpv6);
    }

    [Theory]
    [InlineData(2, 1, true)]   // Tayga: the kernel forwarded the packet into the TUN (TTL 64 → 63) before Tayga quoted it
    [InlineData(2, 2, false)]  // two decrements before the translator: more than a host forwarding into its TUN does
    [InlineData(0, 1, false)]  // an in-kernel translator (Jool) quotes the packet as it arrived
    public void Pair_FragmentationNeededQuotingThePacketAsForwardedIntoTheTranslator_FollowsTheForwardingHops(int forwardingHops, int decrement, bool passes)
    {
        // Given: an IPv4 packet with DF too big for the translator's IPv6 side, quoted with its TTL lowered by the hops before it
        var sent = new TestPacket { Source = TranslationPairs.Server4, Destination = TranslationPairs.Pool4, DontFragment = true, Upper = new UdpSpec(7, 40000, new byte[1453]) };
        var quoted = (sent with { HopLimit = (byte)(64 - decrement) }).Build()[..548];
        var error = new TestPacket { Source = TranslationPairs.Nat64Ipv4, Destination = TranslationPairs.Server4, Upper = new IcmpSpec(3, 4, 1480, quoted) };
        var v4Side = new[]
        {
            new CapturedPacket(0, T0, sent.Build(), 0, LinkTypes.Raw),
            new CapturedPacket(1, T0.AddMilliseconds(1), error.Build(), 0, LinkTypes.Raw),
        };

        // When
        var events = new Pairer(TranslationPairs.Context() with { ForwardingHops = forwardingHops }, TimeSpan.FromSeconds(1)).Pair(v4Side, []).ToList();

        // Then: the copy is the packet as the translator received it, no more changed than the hops before it explain
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.ErrorReturned);
        events[0].Passed.Should().Be(passes, OracleTestHelper.Explain(events[0].Verdict!));
        if (!passes)
        {
            events[0].Verdict!.Failures.Select(f => f.Field).Should().Contain("inner.packet");
        }
    }

    [Theory]
    [InlineData(2, 2, true)]   // Tayga: hop limit 2 at the v6 bridge is 1 once the kernel forwards it into the TUN: Tayga expires it
    [InlineData(0, 2, false)]  // an in-kernel translator forwards a hop limit of 2: a Time Exceeded is wrong
    public void Pair_TimeExceededFromTranslator_CountsTheHopsBeforeIt(int forwardingHops, byte hopLimit, bool passes)
    {
        var (sent, _) = TranslationPairs.Udp6To4();
        sent = sent with { HopLimit = hopLimit };
        var answer = ErrorFromTranslator(sent with { HopLimit = (byte)(hopLimit - (forwardingHops / 2)) }, 3, 0);
        var v6Side = new[]
        {
            new CapturedPacket(0, T0, sent.Build(), 0, LinkTypes.Raw),
            new CapturedPacket(1, T0.AddMilliseconds(1), answer.Build(), 0, LinkTypes.Raw),
        };

        var events = new Pairer(TranslationPairs.Context() with { ForwardingHops = forwardingHops }, TimeSpan.FromSeconds(1)).Pair(v6Side, []).ToList();

        events.Should().ContainSingle().Which.Passed.Should().Be(passes, OracleTestHelper.Explain(events[0].Verdict!));
    }
}
