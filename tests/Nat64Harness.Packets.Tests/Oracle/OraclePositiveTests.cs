using FluentAssertions;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class OraclePositiveTests
{
    public static TheoryData<string> Scenarios => new()
    {
        "udp-6to4",            // UDP request from the v6 client
        "udp-4to6",            // UDP reply from the v4 server
        "tcp-6to4",            // TCP segment with data, client to server
        "tcp-4to6",            // TCP segment with data, server to client
        "echo-6to4",           // ICMPv6 echo request → ICMPv4 echo request
        "echo-reply-4to6",     // ICMPv4 echo reply → ICMPv6 echo reply
        "time-exceeded-4to6",  // v4 router error about a translated packet, embedded packet translated
        "time-exceeded-6to4",  // v6 router error about a translated packet, embedded packet translated
        "time-exceeded-echo-4to6", // ping traceroute: the embedded ICMP echo request is translated 8 → 128
        "frag-needed-4to6",    // Fragmentation Needed MTU 1400 → Packet Too Big MTU 1420
        "ptb-6to4",            // Packet Too Big MTU 1400 → Fragmentation Needed MTU 1380
        "fragment-first-6to4", // first IPv6 fragment → IPv4 MF=1 offset 0
        "fragment-last-6to4",  // last IPv6 fragment → IPv4 MF=0 offset 4
        "fragment-first-4to6", // first IPv4 fragment → IPv6 Fragment header M=1
        "fragment-last-4to6",  // last IPv4 fragment → IPv6 Fragment header M=0 offset 5
        "icmp-extension-6to4", // RFC 4884: ICMPv6 1/4, length 16 (128 bytes), extension → ICMPv4 3/3, length 32, same extension
        "icmp-extension-4to6", // RFC 4884: ICMPv4 3/3, length 32, extension → ICMPv6 1/4, length 16, same extension
        "ptb-fragment-6to4",   // Packet Too Big 1400 about a packet with a Fragment header → Fragmentation Needed 1372 (MTU−28)
    };

    internal static (TestPacket Before, TestPacket After) Scenario(string name) => name switch
    {
        "udp-6to4" => TranslationPairs.Udp6To4(),
        "udp-4to6" => TranslationPairs.Udp4To6(),
        "tcp-6to4" => TranslationPairs.Tcp6To4(),
        "tcp-4to6" => TranslationPairs.Tcp4To6(),
        "echo-6to4" => TranslationPairs.Echo6To4(),
        "echo-reply-4to6" => TranslationPairs.EchoReply4To6(),
        "time-exceeded-4to6" => TranslationPairs.TimeExceeded4To6(),
        "time-exceeded-6to4" => TranslationPairs.TimeExceeded6To4(),
        "time-exceeded-echo-4to6" => TranslationPairs.TimeExceededEcho4To6(),
        "frag-needed-4to6" => TranslationPairs.Unreachable4To6(4, 2, 0, rest6: 1420, rest4: 1400),
        "ptb-6to4" => TranslationPairs.Error6To4(2, 0, 1400, 3, 4, 1380),
        "fragment-first-6to4" => TranslationPairs.Fragment6To4(first: true),
        "fragment-last-6to4" => TranslationPairs.Fragment6To4(first: false),
        "fragment-first-4to6" => TranslationPairs.Fragment4To6(first: true),
        "fragment-last-4to6" => TranslationPairs.Fragment4To6(first: false),
        "icmp-extension-6to4" => ExtensionPairs.Error6To4(),
        "icmp-extension-4to6" => ExtensionPairs.Error4To6(),
        "ptb-fragment-6to4" => TranslationPairs.PacketTooBigAboutFragment6To4(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Judge_CorrectTranslation_PassesEveryCheck(string scenario)
    {
        // Given
        var (before, after) = Scenario(scenario);

        // When
        var verdict = OracleTestHelper.Judge(before, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
        verdict.Direction.Should().Be(scenario.EndsWith("6to4", StringComparison.Ordinal) ? TranslationDirection.Ipv6ToIpv4 : TranslationDirection.Ipv4ToIpv6);
        verdict.Checks.Should().HaveCountGreaterThan(10);
    }

    public static TheoryData<byte, byte, byte, uint> Ipv4UnreachableCodes => new()
    {
        { 0, 1, 0, 0 },  // net unreachable → no route to destination
        { 1, 1, 0, 0 },  // host unreachable → no route to destination
        { 2, 4, 1, 6 },  // protocol unreachable → Parameter Problem, unrecognized Next Header, pointer 6
        { 3, 1, 4, 0 },  // port unreachable → port unreachable
        { 5, 1, 0, 0 },  // source route failed → no route
        { 9, 1, 1, 0 },  // network administratively prohibited → administratively prohibited
        { 10, 1, 1, 0 }, // host administratively prohibited → administratively prohibited
        { 13, 1, 1, 0 }, // communication administratively prohibited → administratively prohibited
        { 15, 1, 1, 0 }, // precedence cutoff → administratively prohibited
    };

    [Theory]
    [MemberData(nameof(Ipv4UnreachableCodes))]
    public void Judge_DestinationUnreachable4To6_FollowsCodeTable(byte code4, byte type6, byte code6, uint rest6)
    {
        // Given: RFC 7915 §4.2 code table
        var (before, after) = TranslationPairs.Unreachable4To6(code4, type6, code6, rest6);

        // When
        var verdict = OracleTestHelper.Judge(before, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
    }

    public static TheoryData<byte, byte, uint, byte, byte, uint> Ipv6ErrorCodes => new()
    {
        { 1, 0, 0, 3, 1, 0 },            // no route → host unreachable
        { 1, 1, 0, 3, 10, 0 },           // administratively prohibited → host administratively prohibited
        { 1, 2, 0, 3, 1, 0 },            // beyond scope → host unreachable
        { 1, 3, 0, 3, 1, 0 },            // address unreachable → host unreachable
        { 1, 4, 0, 3, 3, 0 },            // port unreachable → port unreachable
        { 3, 1, 0, 11, 1, 0 },           // fragment reassembly time exceeded, code kept
        { 4, 0, 7, 12, 0, 8u << 24 },    // erroneous header field at Hop Limit (7) → pointer at TTL (8)
        { 4, 0, 24, 12, 0, 16u << 24 },  // pointer at destination address → 16
        { 4, 1, 6, 3, 2, 0 },            // unrecognized Next Header → protocol unreachable
    };

    [Theory]
    [MemberData(nameof(Ipv6ErrorCodes))]
    public void Judge_Icmpv6Error6To4_FollowsCodeAndPointerTable(byte type6, byte code6, uint rest6, byte type4, byte code4, uint rest4)
    {
        // Given: RFC 7915 §5.2 table and Figure 6
        var (before, after) = TranslationPairs.Error6To4(type6, code6, rest6, type4, code4, rest4);

        // When
        var verdict = OracleTestHelper.Judge(before, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
    }

    [Theory]
    [InlineData(1400u, 1420u, null, null)]   // MTU + 20
    [InlineData(576u, 1280u, null, null)]    // 596 would be below the IPv6 minimum MTU: floor at 1280
    [InlineData(1480u, 1400u, 1400, null)]   // bounded by the IPv6 next-hop MTU
    [InlineData(1480u, 1420u, null, 1400)]   // bounded by the IPv4 next-hop MTU + 20
    public void Judge_FragmentationNeeded4To6_AppliesMtuRules(uint mtu4, uint mtu6, int? ipv6NextHop, int? ipv4NextHop)
    {
        // Given
        var (before, after) = TranslationPairs.Unreachable4To6(4, 2, 0, rest6: mtu6, rest4: mtu4);
        var context = TranslationPairs.Context() with { Ipv6NextHopMtu = ipv6NextHop, Ipv4NextHopMtu = ipv4NextHop };

        // When
        var verdict = OracleTestHelper.Judge(before, after, context);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
        verdict["icmpv6.mtu"]!.Expected.Should().Be(mtu6.ToString());
    }

    [Theory]
    [InlineData(1280, 1280u, true)]  // default floor: 596 raised to 1280
    [InlineData(1280, 596u, false)]  // default floor: 596 passed through fails
    [InlineData(null, 596u, true)]   // no floor configured (Tayga 0.9.2 without allow-ident-gen): MTU+20
    [InlineData(null, 1280u, false)] // no floor configured: 1280 is not MTU+20
    public void Judge_FragmentationNeededBelowMinimum_FollowsConfiguredFloor(int? floor, uint mtu6, bool passes)
    {
        // Given: Fragmentation Needed with MTU 576
        var (before, after) = TranslationPairs.Unreachable4To6(4, 2, 0, rest6: mtu6, rest4: 576);
        var context = TranslationPairs.Context() with { MinimumPacketTooBigMtu = floor };

        // When
        var verdict = OracleTestHelper.Judge(before, after, context);

        // Then
        verdict["icmpv6.mtu"]!.Passed.Should().Be(passes, OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void Judge_FragmentationNeededWithoutMtu_UsesRfc1191Plateau()
    {
        // Given: an old router sends MTU 0; the embedded packet claims 1500 bytes, so the plateau is 1492 (+20)
        var (before, after) = TranslationPairs.Unreachable4To6(4, 2, 0, rest6: 1512, rest4: 0);
        before = WithInnerLength(before, 1500);
        after = WithInnerLength(after, 1500 - 20);

        // When
        var verdict = OracleTestHelper.Judge(before, after);

        // Then
        verdict["icmpv6.mtu"]!.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
        verdict["icmpv6.mtu"]!.Expected.Should().Be("1512");
    }

    private static TestPacket WithInnerLength(TestPacket outer, int declared)
    {
        // The embedded packet is cut after its first bytes, as routers do; its length field still says 1500.
        var icmp = (IcmpSpec)outer.Upper;
        var inner = InnerSpecs.Describe(icmp.Body) with { LengthOverride = declared };
        return outer with { Upper = icmp with { Body = inner.Build() } };
    }

    [Fact]
    public void Judge_PacketTooBig6To4WithIpv4NextHop_TakesSmallerMtu()
    {
        // Given: PTB 1500 − 20 = 1480, but the IPv4 next hop is 1300
        var (before, after) = TranslationPairs.Error6To4(2, 0, 1500, 3, 4, 1300);
        var context = TranslationPairs.Context() with { Ipv4NextHopMtu = 1300 };

        // When
        var verdict = OracleTestHelper.Judge(before, after, context);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
    }
}
