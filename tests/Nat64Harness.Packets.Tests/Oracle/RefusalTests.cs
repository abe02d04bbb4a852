using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;
using static Nat64Harness.Packets.Tests.Support.TranslationPairs;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>
/// Packets RFC 7915 tells a translator not to translate: judged as dropped / answered as required, and the absence of
/// a required drop or answer a failure.
/// </summary>
public sealed class RefusalTests
{
    private const string Translator6 = "64:ff9b::6440:503";
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    // An unexpired Loose Source Route (pointer 4 ≤ length 7, RFC 791 §3.1).
    private static readonly byte[] LooseSourceRoute = [131, 7, 4, 100, 64, 5, 99, 0];

    private static List<PairingEvent> OnOneSide(TranslationContext context, params TestPacket[] packets) =>
        new Pairer(context, TimeSpan.FromSeconds(1))
            .Pair(packets.Select((p, i) => new CapturedPacket(i, T0.AddMilliseconds(i), p.Build(), 0, LinkTypes.Raw)), [])
            .ToList();

    private static TestPacket SourceRouted() => Udp4To6().Before with { Ipv4Options = LooseSourceRoute };

    private static TestPacket Answer4(TestPacket about, byte type, byte code) =>
        new() { Source = Nat64Ipv4, Destination = about.Source, Upper = new IcmpSpec(type, code, 0, about.Build()) };

    private static TestPacket Answer6(TestPacket about, byte type, byte code, uint rest) =>
        new() { Source = Translator6, Destination = about.Source, Upper = new IcmpSpec(type, code, rest, about.Build()) };

    [Fact]
    public void Pair_UnexpiredSourceRouteAnsweredWithSourceRouteFailed_IsAnsweredAsRequired()
    {
        // Given: RFC 7915 §4.1 — discard, and send ICMPv4 3/5 to the sender
        var sent = SourceRouted();

        // When
        var events = OnOneSide(Context(), sent, Answer4(sent, 3, 5));
        var report = PairingReport.Collect(events, "v4", "v6");

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.AnsweredAsRequired);
        events[0].Passed.Should().BeTrue(OracleTestHelper.Explain(events[0].Verdict!));
        (report.AnsweredAsRequired, report.Conforms).Should().Be((1, true));
    }

    [Fact]
    public void Pair_UnexpiredSourceRouteAnsweredWithOtherError_FailsNamingTheCode()
    {
        // Given
        var sent = SourceRouted();

        // When
        var events = OnOneSide(Context(), sent, Answer4(sent, 3, 13));

        // Then
        events.Single().Verdict!.Failures.Select(f => f.Field).Should().Equal("icmp.code");
    }

    [Fact]
    public void Pair_UnexpiredSourceRouteDroppedSilently_IsNotAnswered_UnlessTheContextRelaxesIt()
    {
        // Given: RFC 7915 §4.1 says the error SHOULD go back; required by default
        var sent = SourceRouted();

        // When
        var strict = OnOneSide(Context(), sent);
        var relaxed = OnOneSide(Context() with { RefusalErrorsRequired = false }, sent);

        // Then
        strict.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.NotAnswered);
        strict[0].Verdict!.Failures.Single().RfcClause.Should().Be("RFC 7915 §4.1");
        PairingReport.Collect(strict, "v4", "v6").Should().Match<PairingReport>(r => r.NotAnswered == 1 && !r.Conforms);
        relaxed.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.DroppedAsRequired);
        relaxed[0].Passed.Should().BeTrue();
    }

    [Fact]
    public void Pair_RoutingHeaderWithSegmentsLeftAnsweredWithParameterProblem_IsAnsweredAsRequired()
    {
        // Given: RFC 7915 §5.1 — Parameter Problem 4/0, pointer at Segments Left (fixed header 40 + byte 3 of the Routing header)
        var sent = Udp6To4().Before with { RoutingSegmentsLeft = 2 };

        // When
        var events = OnOneSide(Context(), sent, Answer6(sent, 4, 0, 43));

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.AnsweredAsRequired);
        events[0].Passed.Should().BeTrue(OracleTestHelper.Explain(events[0].Verdict!));
    }

    [Fact]
    public void Pair_RoutingHeaderParameterProblemPointingElsewhere_FailsNamingThePointer()
    {
        // Given
        var sent = Udp6To4().Before with { RoutingSegmentsLeft = 2 };

        // When
        var events = OnOneSide(Context(), sent, Answer6(sent, 4, 0, 42));

        // Then
        events.Single().Verdict!.Failures.Select(f => f.Field).Should().Equal("icmpv6.pointer");
    }

    [Fact]
    public void Pair_RoutingHeaderWithSegmentsLeftDroppedSilently_IsNotAnswered()
    {
        // Given / When
        var events = OnOneSide(Context(), Udp6To4().Before with { RoutingSegmentsLeft = 1 });

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.NotAnswered);
        events[0].Verdict!.Failures.Single().Expected.Should().Contain("ICMPv6 4/0 pointer 43");
    }

    public static TheoryData<string, byte, byte, bool> SilentlyDropped => new()
    {
        { "ICMPv4 Timestamp", 13, 0, true },            // RFC 7915 §4.2: obsoleted in ICMPv6, silently drop
        { "ICMPv4 Timestamp Reply", 14, 0, true },      // idem
        { "ICMPv4 Information Request", 15, 0, true },  // idem
        { "ICMPv4 Address Mask Request", 17, 0, true }, // idem
        { "ICMPv4 Router Advertisement", 9, 0, true },  // single-hop message
        { "ICMPv4 Redirect", 5, 0, true },              // single-hop message
        { "ICMPv4 unknown type", 42, 0, true },         // unknown types: silently drop
        { "ICMPv4 host precedence violation", 3, 14, true }, // 3/14: silently drop
        { "ICMPv4 Parameter Problem, missing option", 12, 1, true }, // 12/1: silently drop
        { "ICMPv6 MLD query", 130, 0, false },          // RFC 7915 §5.2: single-hop, silently drop
        { "ICMPv6 Neighbor Solicitation", 135, 0, false }, // idem
        { "ICMPv6 unknown informational", 200, 0, false }, // unknown informational: silently drop
        { "ICMPv6 unknown error", 100, 0, false },      // unknown error: silently drop
        { "ICMPv6 unrecognized option", 4, 2, false },  // 4/2: silently drop
    };

    [Theory]
    [MemberData(nameof(SilentlyDropped))]
    public void Pair_IcmpWithoutTranslationDropped_IsDroppedAsRequired(string name, byte type, byte code, bool ipv4)
    {
        // Given
        var sent = ipv4
            ? new TestPacket { Source = Server4, Destination = Pool4, Upper = new IcmpSpec(type, code, 0x00010002, Data) }
            : new TestPacket { Source = Client6, Destination = Server6, Upper = new IcmpSpec(type, code, 0x00010002, Data) };

        // When
        var events = OnOneSide(Context(), sent);

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.DroppedAsRequired, name);
        events[0].Passed.Should().BeTrue();
    }

    [Fact]
    public void Pair_IcmpTimestampAnsweredWithError_FailsBecauseTheDropMustBeSilent()
    {
        // Given
        var sent = new TestPacket { Source = Server4, Destination = Pool4, Upper = new IcmpSpec(13, 0, 0x00010002, Data) };

        // When
        var events = OnOneSide(Context(), sent, Answer4(sent, 3, 13));

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.AnsweredAsRequired);
        events[0].Verdict!.Failures.Single().Expected.Should().Contain("dropped silently");
    }

    [Fact]
    public void Pair_ZeroChecksumUdpWithDropPolicy_DroppedOrAnsweredWith3_13()
    {
        // Given: RFC 7915 §4.5 option 1 (drop), §4.4 (3/13 allowed)
        var sent = Udp4To6().Before with { Upper = ((UdpSpec)Udp4To6().Before.Upper) with { ZeroChecksum = true } };
        var context = Context() with { ZeroChecksumUdp = ZeroChecksumUdpPolicy.Drop };

        // When
        var dropped = OnOneSide(context, sent);
        var answered = OnOneSide(context, sent, Answer4(sent, 3, 13));

        // Then
        dropped.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.DroppedAsRequired);
        answered.Should().ContainSingle().Which.Should().Match<PairingEvent>(e => e.Outcome == PairingOutcome.AnsweredAsRequired && e.Passed);
    }

    [Fact]
    public void Pair_ZeroChecksumUdpFirstFragmentDropped_IsDroppedAsRequired()
    {
        // Given: RFC 7915 §4.5 — a stateless translator SHOULD drop the first fragment of a zero-checksum UDP datagram
        var (first, _) = Fragment4To6(first: true);
        var udp = (byte[])((RawSpec)first.Upper).Bytes.Clone();
        udp[6] = udp[7] = 0;

        // When
        var events = OnOneSide(Context(), first with { Upper = new RawSpec(17, udp) });

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.DroppedAsRequired);
    }

    [Fact]
    public void Pair_OrdinaryPacketDropped_IsStillLost()
    {
        // Given: nothing forbids translating it
        var (sent, _) = Udp4To6();

        // When
        var events = OnOneSide(Context(), sent);

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.Lost);
    }

    [Fact]
    public void Report_Refusals_CountedInTextAndJson()
    {
        // Given: one silent drop as required, one answer as required, one missing answer
        var timestamp = new TestPacket { Source = Server4, Destination = Pool4, Upper = new IcmpSpec(13, 0, 0x00010002, Data) };
        var routed = SourceRouted();
        var events = OnOneSide(Context(), timestamp, routed, Answer4(routed, 3, 5))
            .Concat(OnOneSide(Context(), Udp6To4().Before with { RoutingSegmentsLeft = 1 }))
            .ToList();

        // When
        var report = PairingReport.Collect(events, "a", "b");
        using var json = JsonDocument.Parse(report.ToJson());
        var counts = json.RootElement.GetProperty("counts");

        // Then
        (report.DroppedAsRequired, report.AnsweredAsRequired, report.NotAnswered).Should().Be((1, 1, 1));
        report.ToText().Should().Contain("PASS(drop)").And.Contain("PASS(answer)").And.Contain("NOT ANSWERED")
            .And.Contain("1 dropped as required, 1 answered as required), 1 not answered");
        counts.GetProperty("droppedAsRequired").GetInt64().Should().Be(1);
        counts.GetProperty("answeredAsRequired").GetInt64().Should().Be(1);
        counts.GetProperty("notAnswered").GetInt64().Should().Be(1);
    }
}
