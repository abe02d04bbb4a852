using FluentAssertions;
using Nat64Harness.Packets.Tests.Support;
using Xunit;
using static Nat64Harness.Packets.Tests.Support.TranslationPairs;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>RFC 4884 extensions at the size limits: the ICMPv4 message stays within 576 bytes (RFC 1812 §4.3.2.3).</summary>
public sealed class IcmpExtensionTests
{
    // A 421-byte extension cannot sit beside a 128-byte datagram field in 576 − 20 − 8 = 548 bytes.
    private static readonly byte[] Large = [0x20, 0, 0, 0, .. new byte[417]];

    [Fact]
    public void Judge_ExtensionTooLargeForIpv4_RemovedWhole_Passes()
    {
        // Given: ICMPv6 error with a 421-byte extension; the ICMPv4 translation drops it and its length attribute
        var (before, _) = ExtensionPairs.Error6To4(extension6: Large);
        var inner4 = new TestPacket { Source = Server4, Destination = Pool4, HopLimit = 60, Upper = new UdpSpec(7, 40000, Data) }.Build();
        var after = new TestPacket { Source = Nat64Ipv4, Destination = Server4, HopLimit = 63, Upper = new IcmpSpec(3, 3, 0, inner4) };

        // When
        var verdict = OracleTestHelper.Judge(before, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
        verdict["icmp.length"]!.Expected.Should().Contain("removed");
    }

    [Fact]
    public void Judge_ExtensionTooLargeForIpv4_KeptBeyond576Bytes_FailsOnTheLengthAttribute()
    {
        // Given: the translation keeps the 421-byte extension, making a 597-byte ICMPv4 error
        var (before, after) = ExtensionPairs.Error6To4(extension6: Large, extension4: Large);

        // When
        var verdict = OracleTestHelper.Judge(before, after);

        // Then
        verdict.Failures.Select(f => f.Field).Should().Contain("icmp.length");
    }

    [Fact]
    public void Judge_TranslatedPacketCutToTheLastWholeWord_Passes()
    {
        // Given: a 194-byte invoking packet (padded to 196 in the ICMPv4 field) becomes 214 bytes of IPv6 packet: a
        // translator may pad it to 216 or cut it to 208, the last whole 64-bit word (both are valid RFC 4884 fields)
        var data = new byte[166];
        var inner4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 63, Upper = new UdpSpec(40000, 9, data) }.Build();
        var inner6 = new TestPacket { Source = Client6, Destination = Server6, HopLimit = 63, Upper = new UdpSpec(40000, 9, data) }.Build();
        var field4 = ExtensionPairs.Pad(inner4, 4);
        var before = new TestPacket { Source = Server4, Destination = Pool4, Upper = new IcmpSpec(3, 3, (uint)(field4.Length / 4) << 16, [.. field4, .. ExtensionPairs.Extension]) };
        var cut = new TestPacket { Source = Server6, Destination = Client6, HopLimit = 63, Upper = new IcmpSpec(1, 4, (uint)(inner6.Length / 8) << 24, [.. inner6[..(inner6.Length / 8 * 8)], .. ExtensionPairs.Extension]) };
        var padded = cut with { Upper = new IcmpSpec(1, 4, (uint)((inner6.Length + 7) / 8) << 24, [.. ExtensionPairs.Pad(inner6, 8), .. ExtensionPairs.Extension]) };

        // When
        var cutVerdict = OracleTestHelper.Judge(before, cut);
        var paddedVerdict = OracleTestHelper.Judge(before, padded);

        // Then
        inner6.Length.Should().Be(214, "the point is a length that is not a multiple of 8");
        cutVerdict.Passed.Should().BeTrue(OracleTestHelper.Explain(cutVerdict));
        paddedVerdict.Passed.Should().BeTrue(OracleTestHelper.Explain(paddedVerdict));
    }

    [Fact]
    public void Judge_WholeFieldTranslatedWithItsPadding_Passes()
    {
        // Given: as Jool does (live-jool-icmp4-rfc4884-time-exceeded): a 60-byte invoking packet zero-padded to the
        // 128-byte ICMPv4 field; the translator translates the whole field (148 bytes, the padding carried along) and cuts
        // it to the last whole 64-bit word: length attribute 18 (144 bytes), "longer due to the translation" (RFC 7915
        // §4.2), still ≥ 128 zero-padded octets (RFC 4884 §4, §5)
        var (before, after) = WholeFieldTranslated(lengthWords: 18);

        // When
        var verdict = OracleTestHelper.Judge(before, after);

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
        verdict["icmpv6.length"]!.Seen.Should().StartWith("18 ");
    }

    [Theory]
    [InlineData(17, 0, "icmpv6.length")]   // 136 bytes: neither the packet padded anew (128) nor the field translated (144 or 152)
    [InlineData(18, 0xEE, "icmpv6.padding")] // the carried padding is not zero
    public void Judge_WholeFieldTranslatedWrongly_FailsNamingField(int lengthWords, byte fill, string field)
    {
        // Given: the translation of the whole field, one thing wrong
        var (before, after) = WholeFieldTranslated(lengthWords, fill);

        // When
        var verdict = OracleTestHelper.Judge(before, after);

        // Then
        verdict.Failures.Select(f => f.Field).Should().Contain(field, OracleTestHelper.Explain(verdict));
    }

    // An ICMPv4 Time Exceeded with an extension about the client's 60-byte UDP packet, and its ICMPv6 translation whose
    // field is the 80-byte translated packet followed by the input's zero padding, lengthWords 64-bit words long.
    private static (TestPacket Before, TestPacket After) WholeFieldTranslated(int lengthWords, byte fill = 0)
    {
        var inner4 = new TestPacket { Source = Pool4, Destination = Server4, HopLimit = 1, Upper = new UdpSpec(40000, 33434, Data) }.Build();
        var inner6 = new TestPacket { Source = Client6, Destination = Server6, HopLimit = 1, Upper = new UdpSpec(40000, 33434, Data) }.Build();
        var field4 = ExtensionPairs.Pad(inner4, 4);
        var field6 = new byte[lengthWords * 8];
        field6.AsSpan(inner6.Length).Fill(fill);
        inner6.CopyTo(field6, 0);
        return (
            new TestPacket { Source = Router4, Destination = Pool4, TrafficClass = 0xc0, Upper = new IcmpSpec(11, 0, (uint)(field4.Length / 4) << 16, [.. field4, .. ExtensionPairs.Extension]) },
            new TestPacket { Source = Router4As6, Destination = Client6, HopLimit = 63, TrafficClass = 0xc0, Upper = new IcmpSpec(3, 0, (uint)lengthWords << 24, [.. field6, .. ExtensionPairs.Extension]) });
    }
}
