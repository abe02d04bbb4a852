using System.Net;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class OracleConfigurationTests
{
    [Theory]
    [InlineData(TosPolicy.Copy, 0x28, true)]        // RFC default: copied
    [InlineData(TosPolicy.Copy, 0x00, false)]       // zeroed while configured to copy
    [InlineData(TosPolicy.Zero, 0x00, true)]        // configured to ignore TOS
    [InlineData(TosPolicy.Zero, 0x28, false)]       // copied while configured to zero
    [InlineData(TosPolicy.CopyOrZero, 0x00, true)]  // configuration unknown: zero passes
    [InlineData(TosPolicy.CopyOrZero, 0x28, true)]  // configuration unknown: copy passes
    [InlineData(TosPolicy.CopyOrZero, 0x2c, false)] // anything else fails
    public void Judge_TosPolicy_DecidesTrafficClass(TosPolicy policy, byte seen, bool passes)
    {
        // Given
        var (before, after) = TranslationPairs.Udp6To4();
        var context = TranslationPairs.Context() with { Tos = policy };

        // When
        var verdict = OracleTestHelper.Judge(before, after with { TrafficClass = seen }, context);

        // Then
        verdict["ipv4.tos"]!.Passed.Should().Be(passes);
    }

    [Theory]
    [InlineData(DontFragmentRule.Rfc7915, 1300, true, true)]   // > 1260 bytes: DF must be 1
    [InlineData(DontFragmentRule.Rfc7915, 1300, false, false)] // > 1260 bytes with DF 0
    [InlineData(DontFragmentRule.Rfc7915, 1232, false, true)]  // exactly 1260 bytes: DF 0
    [InlineData(DontFragmentRule.Rfc7915, 1232, true, false)]  // exactly 1260 bytes with DF 1
    [InlineData(DontFragmentRule.Rfc6145, 100, true, true)]    // RFC 6145: DF 1 always allowed
    [InlineData(DontFragmentRule.Rfc6145, 100, false, true)]   // RFC 6145: may clear between 88 and 1280
    [InlineData(DontFragmentRule.Rfc6145, 1300, false, false)] // RFC 6145: above 1280 DF must be 1
    [InlineData(DontFragmentRule.Ignore, 1300, false, true)]   // not judged
    [InlineData(DontFragmentRule.AlwaysSet, 100, true, true)]  // Tayga profile: DF 1 on a small packet
    [InlineData(DontFragmentRule.AlwaysSet, 100, false, false)] // Tayga profile: DF 0 fails, even where RFC 6145 would allow it
    [InlineData(DontFragmentRule.AlwaysSet, 1300, true, true)] // Tayga profile: DF 1 on a large packet
    public void Judge_DontFragmentRule_JudgesDfBySize(DontFragmentRule rule, int dataLength, bool df, bool passes)
    {
        // Given: IPv4 size = 20 + 8 + dataLength
        var data = new byte[dataLength];
        var (before, after) = TranslationPairs.Udp6To4();
        before = before with { Upper = new UdpSpec(40000, 7, data) };
        after = after with { Upper = new UdpSpec(40000, 7, data), DontFragment = df };
        var context = TranslationPairs.Context() with { DontFragment = rule };

        // When
        var verdict = OracleTestHelper.Judge(before, after, context);

        // Then
        verdict["ipv4.df"]!.Passed.Should().Be(passes, OracleTestHelper.Explain(verdict));
    }

    [Theory]
    [InlineData(false, 1300, false, true)] // TCP: a full-size segment with DF 0 passes (its aggregate had a frag_list)
    [InlineData(false, 100, true, true)]   // TCP: a short segment with DF 1 passes (the tail of a GSO aggregate)
    [InlineData(true, 1300, false, false)] // UDP: DF 0 above 1260 bytes still fails
    [InlineData(true, 100, true, false)]   // UDP: DF 1 up to 1260 bytes still fails
    [InlineData(true, 100, false, true)]   // UDP: RFC 7915 §5.1 passes
    public void Judge_JoolDfRule_RelaxesTcpSegmentsOnly(bool udp, int dataLength, bool df, bool passes)
    {
        // Given a translation under the Jool profile's rule, of a TCP segment or a UDP datagram
        var data = new byte[dataLength];
        var (before, after) = udp ? TranslationPairs.Udp6To4() : TranslationPairs.Tcp6To4();
        UpperSpec upper = udp ? new UdpSpec(40000, 7, data) : new TcpSpec(40000, 7, 1000, 2000, 0x18, data);
        var context = TranslationPairs.Context() with { DontFragment = DontFragmentRule.Rfc7915ExceptTcpSegments };

        // When
        var verdict = OracleTestHelper.Judge(before with { Upper = upper }, after with { Upper = upper, DontFragment = df }, context);

        // Then
        verdict["ipv4.df"]!.Passed.Should().Be(passes, OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void Judge_Ipv6HopByHopHeader_IsSkippedAndNotCounted()
    {
        // Given: the v6 packet carries an 8-byte Hop-by-Hop header; the v4 packet must not count it
        var (before, after) = TranslationPairs.Udp6To4();

        // When
        var verdict = OracleTestHelper.Judge(before with { HopByHopOptions = [1, 4, 0, 0, 0, 0] }, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void Judge_RoutingHeaderWithNoSegmentsLeft_IsSkipped()
    {
        // Given: RFC 7915 §5.1 only refuses routing headers that still have segments to visit
        var (before, after) = TranslationPairs.Udp6To4();

        // When
        var verdict = OracleTestHelper.Judge(before with { RoutingSegmentsLeft = 0, HopByHopOptions = [1, 4, 0, 0, 0, 0] }, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void Judge_ExpiredSourceRoute_IsIgnoredLikeOtherOptions()
    {
        // Given: LSRR whose pointer (8) is past its length (7): the route is used up
        var (before, after) = TranslationPairs.Udp4To6();

        // When
        var verdict = OracleTestHelper.Judge(before with { Ipv4Options = [131, 7, 8, 100, 64, 5, 99, 0] }, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void Judge_Ipv4Options_AreDroppedFromPayloadLength()
    {
        // Given: the v4 packet carries 4 bytes of options (NOP NOP NOP EOL)
        var (before, after) = TranslationPairs.Udp4To6();

        // When
        var verdict = OracleTestHelper.Judge(before with { Ipv4Options = [1, 1, 1, 0] }, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void Judge_ZeroUdpChecksumInIpv4_RequiresComputedChecksumInIpv6()
    {
        // Given: RFC 7915 §4.5 — an unfragmented IPv4 UDP packet without checksum gets one computed
        var (before, after) = TranslationPairs.Udp4To6();

        // When
        var verdict = OracleTestHelper.Judge(before with { Upper = ((UdpSpec)before.Upper) with { ZeroChecksum = true } }, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
        verdict["udp.checksum"]!.Expected.Should().Contain("computed over the IPv6 pseudo-header");
    }

    [Fact]
    public void Judge_LearningMapping_LearnsFirstPairThenHoldsLaterPairsToIt()
    {
        // Given: no pool mapping known up front
        var context = new TranslationContext(Nat64Prefix.WellKnown, new LearningAddressMapping());
        var oracle = new TranslationOracle(context);
        var (before, after) = TranslationPairs.Udp6To4();

        // When
        var first = oracle.Judge(before.Build(), after.Build());
        var reply = oracle.Judge(TranslationPairs.Udp4To6().Before.Build(), TranslationPairs.Udp4To6().After.Build());
        var inconsistent = oracle.Judge(before.Build(), (after with { Source = "100.64.5.131" }).Build());

        // Then
        first.Passed.Should().BeTrue(OracleTestHelper.Explain(first));
        first["ipv4.source"]!.Expected.Should().Contain("learned");
        reply.Passed.Should().BeTrue(OracleTestHelper.Explain(reply));
        inconsistent.Failures.Select(f => f.Field).Should().Contain("ipv4.source");
        ((LearningAddressMapping)context.Mapping).Learned.Should().ContainSingle()
            .Which.Should().Be((IPAddress.Parse(TranslationPairs.Client6), IPAddress.Parse(TranslationPairs.Pool4)));
    }

    [Fact]
    public void Judge_SameVersionOnBothSides_FailsOnVersion()
    {
        // Given
        var (before, _) = TranslationPairs.Udp6To4();

        // When
        var verdict = OracleTestHelper.Judge(before, before);

        // Then
        verdict.Direction.Should().Be(TranslationDirection.Unknown);
        verdict.Failures.Should().ContainSingle().Which.Field.Should().Be("ip.version");
    }

    [Theory]
    [InlineData(new byte[0])]                            // empty
    [InlineData(new byte[] { 0x45, 0, 0, 20 })]          // IPv4 header cut at 4 bytes
    [InlineData(new byte[] { 0x12, 0x34, 0x56, 0x78 })]  // version 1
    public void Judge_UndecodableAfter_IsFailingVerdictNotException(byte[] garbage)
    {
        // Given
        var (before, _) = TranslationPairs.Udp6To4();
        var oracle = new TranslationOracle(TranslationPairs.Context());

        // When
        var verdict = oracle.Judge(before.Build(), garbage, 3, 4);

        // Then
        verdict.Passed.Should().BeFalse();
        verdict.Failures.Should().ContainSingle().Which.Field.Should().Be("packet");
        verdict.Failures.Single().Seen.Should().StartWith("after #4");
    }

    [Fact]
    public void Judge_SnapLengthCutPacket_IsFailingVerdictNamingTheCut()
    {
        // Given: the after packet was captured with a 40-byte snap length
        var (before, after) = TranslationPairs.Udp6To4();
        var bytes = after.Build();
        var cut = new CapturedPacket(9, DateTimeOffset.UnixEpoch, bytes[..40], bytes.Length, LinkTypes.Raw) { IsTruncated = true };
        var whole = new CapturedPacket(8, DateTimeOffset.UnixEpoch, before.Build(), 0, LinkTypes.Raw);

        // When
        var verdict = new TranslationOracle(TranslationPairs.Context()).Judge(whole, cut);

        // Then
        verdict.Failures.Should().ContainSingle().Which.Seen.Should().Contain("after #9 cut by the snap length");
    }

    [Fact]
    public void Judge_RandomBytes_NeverThrows()
    {
        // Given: deterministic garbage, half of it starting with a plausible version nibble
        var random = new Random(7915);
        var oracle = new TranslationOracle(TranslationPairs.Context());
        var (before, after) = TranslationPairs.TimeExceeded4To6();
        var good = after.Build();

        // When
        var act = () =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var bytes = (byte[])good.Clone();
                var flips = random.Next(1, 6);
                for (var f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                _ = oracle.Judge(before.Build(), bytes.AsMemory(0, random.Next(bytes.Length + 1)));
            }
        };

        // Then
        act.Should().NotThrow();
    }

    [Fact]
    public void Judge_CorruptInputChecksumCarriedByIncrementalUpdate_Passes()
    {
        // Given: the IPv6 UDP checksum is off by 0x0101; a translator that updates it for the new addresses
        // (RFC 1624, as RFC 7915 §5.5 translators do) carries the same error into IPv4
        var (before, after) = TranslationPairs.Udp6To4();
        var good6 = ((UdpSpec)before.Upper).Build(before);
        var good4 = ((UdpSpec)after.Upper).Build(after);
        var bad6 = (ushort)(((good6[6] << 8) | good6[7]) + 0x0101);
        var bad4 = (ushort)(((good4[6] << 8) | good4[7]) + 0x0101);
        var corrupt6 = before with { Upper = ((UdpSpec)before.Upper) with { ChecksumOverride = bad6 } };
        var carried4 = after with { Upper = ((UdpSpec)after.Upper) with { ChecksumOverride = bad4 } };
        var otherError4 = after with { Upper = ((UdpSpec)after.Upper) with { ChecksumOverride = (ushort)(bad4 + 1) } };

        // When
        var carried = OracleTestHelper.Judge(corrupt6, carried4);
        var changed = OracleTestHelper.Judge(corrupt6, otherError4);

        // Then
        carried.Passed.Should().BeTrue(OracleTestHelper.Explain(carried));
        carried["udp.checksum"]!.Expected.Should().Contain("invalid as the input was");
        changed.Failures.Select(f => f.Field).Should().Equal("udp.checksum");
    }

    [Fact]
    public void Judge_ZeroChecksumUdpWithDropPolicy_TranslationFails()
    {
        // Given: RFC 7915 §4.5 option 1 — the translator is configured to drop zero-checksum IPv4 UDP
        var (before, after) = TranslationPairs.Udp4To6();
        var zero = before with { Upper = ((UdpSpec)before.Upper) with { ZeroChecksum = true } };
        var context = TranslationPairs.Context() with { ZeroChecksumUdp = ZeroChecksumUdpPolicy.Drop };

        // When
        var verdict = OracleTestHelper.Judge(zero, after, context);

        // Then
        verdict.Failures.Select(f => f.Field).Should().Equal("udp.checksum");
        verdict["udp.checksum"]!.Expected.Should().Contain("not translated");
    }
}
