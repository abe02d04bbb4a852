using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Golden;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Golden;

public sealed class GoldenComparerTests
{
    private static CapturedPacket Packet(TestPacket p, long index, int secondsOffset = 0) =>
        new(index, DateTimeOffset.UnixEpoch.AddSeconds(index + secondsOffset), p.Build(), 0, LinkTypes.Raw);

    [Fact]
    public void Compare_SameFlowWithOtherEphemeralPortIsnIdAndTime_Matches()
    {
        // Given: a second run picks another ephemeral port, ISN, IPv4 identification and capture time
        var run1 = new[]
        {
            Packet(new TestPacket { Source = TranslationPairs.Pool4, Destination = TranslationPairs.Server4, Identification = 11, Upper = new TcpSpec(40100, 80, 1000, 0, 0x02, []) }, 0),
            Packet(new TestPacket { Source = TranslationPairs.Server4, Destination = TranslationPairs.Pool4, Identification = 12, Upper = new TcpSpec(80, 40100, 7000, 1001, 0x12, []) }, 1),
        };
        var run2 = new[]
        {
            Packet(new TestPacket { Source = TranslationPairs.Pool4, Destination = TranslationPairs.Server4, Identification = 901, Upper = new TcpSpec(51234, 80, 424242, 0, 0x02, []) }, 0, 3600),
            Packet(new TestPacket { Source = TranslationPairs.Server4, Destination = TranslationPairs.Pool4, Identification = 902, Upper = new TcpSpec(80, 51234, 99, 424243, 0x12, []) }, 1, 3600),
        };

        // When
        var comparison = GoldenComparer.Compare(run1, run2);

        // Then
        comparison.Matches.Should().BeTrue(comparison.ToString());
    }

    [Theory]
    [InlineData("ipv4.ttl")]             // TTL is not a varying field (one name with the oracle: never "ipv4.hop_limit")
    [InlineData("tcp.flags")]            // SYN vs SYN-ACK matters
    [InlineData("tcp.acknowledgment")]   // relative ack must match
    [InlineData("tcp.checksum")]         // validity is compared
    [InlineData("tcp.window")]           // RFC 9293 §3.1: the window is the receiver's, a translator copies it
    [InlineData("tcp.urgent_pointer")]   // copied like the rest of the segment (RFC 7915 §4.5 / §5.5)
    [InlineData("tcp.options")]          // an MSS option rewritten by a middlebox must show
    [InlineData("tcp.data_offset")]      // header length (with options) is compared, not dropped
    public void Compare_FieldThatMustNotVary_ReportsPacketIndexAndField(string field)
    {
        // Given
        var good = new TestPacket { Source = TranslationPairs.Pool4, Destination = TranslationPairs.Server4, Upper = new TcpSpec(40100, 80, 1000, 5001, 0x10, []) { Options = [2, 4, 5, 0xb4] } };
        var tcp = (TcpSpec)good.Upper;
        var bad = field switch
        {
            "ipv4.ttl" => good with { HopLimit = 1 },
            "tcp.flags" => good with { Upper = tcp with { Flags = 0x11 } },
            "tcp.acknowledgment" => good with { Upper = tcp with { Acknowledgment = 5002 } },
            "tcp.window" => good with { Upper = tcp with { Window = 1024 } },
            "tcp.urgent_pointer" => good with { Upper = tcp with { UrgentPointer = 7 } },
            "tcp.options" => good with { Upper = tcp with { Options = [2, 4, 5, 0x78] } },
            "tcp.data_offset" => good with { Upper = tcp with { Options = [], Data = [2, 4, 5, 0xb4] } },
            _ => good with { Upper = tcp with { ChecksumOverride = 1 } },
        };
        var first = new TestPacket { Source = TranslationPairs.Server4, Destination = TranslationPairs.Pool4, Upper = new TcpSpec(80, 40100, 5000, 1000, 0x12, []) };

        // When
        var comparison = GoldenComparer.Compare([Packet(first, 0), Packet(good, 1)], [Packet(first, 0), Packet(bad, 1)]);

        // Then
        comparison.Differences.Should().Contain(d => d.PacketIndex == 1 && d.Field == field, comparison.ToString());
        comparison.Differences.Should().OnlyContain(d => d.PacketIndex == 1 && (d.Field == field || field == "tcp.data_offset"), comparison.ToString());
    }

    [Fact]
    public void ComparePair_StatelessTranslatorRewritesEphemeralPort_ReportsThePortOnTheIpv4Side()
    {
        // Given: golden — the client's port 40000 kept across the translator; actual — the IPv4 side shows 40001
        // (a stateless translator must copy ports, RFC 7915 §5.5); each side alone still looks like "one ephemeral port"
        var (req6, req4) = TranslationPairs.Udp6To4();
        var golden = new CapturePair([Packet(req6, 0)], [Packet(req4, 0)]);
        var actual = new CapturePair([Packet(req6, 0)], [Packet(req4 with { Upper = new UdpSpec(40001, 7, TranslationPairs.Data) }, 0)]);

        // When
        var pair = GoldenComparer.ComparePair(golden, actual);
        var sideBySide = GoldenComparer.Compare(golden.After, actual.After);

        // Then
        pair.Differences.Should().ContainSingle().Which.Should().Be(new GoldenDifference(0, "udp.source_port", "port#1", "port#2", "after"));
        sideBySide.Matches.Should().BeTrue("one capture alone cannot show the rewrite; that is why the pair is normalised together");
    }

    [Fact]
    public void ComparePair_FragmentIdentificationNotCopied_ReportsTheIdentification()
    {
        // Given: golden — IPv6 Fragment id 0xabcd1234 becomes IPv4 id 0x1234 (RFC 7915 §5.1.1); actual — 0x0777
        var (f6, f4) = TranslationPairs.Fragment6To4(first: true);
        var golden = new CapturePair([Packet(f6, 0)], [Packet(f4, 0)]);
        var actual = new CapturePair([Packet(f6, 0)], [Packet(f4 with { Identification = 0x0777 }, 0)]);

        // When
        var comparison = GoldenComparer.ComparePair(golden, actual);

        // Then
        comparison.Differences.Should().Contain(d => d.Side == "after" && d.Field == "ipv4.identification" && d.Expected == "frag#1" && d.Seen == "frag#2", comparison.ToString());
    }

    [Fact]
    public void ComparePair_IdenticalExchangeWithOtherRandomValues_Matches()
    {
        // Given: the same UDP exchange with another ephemeral port, kept on both sides as it must be
        var (req6, req4) = TranslationPairs.Udp6To4();
        var other6 = req6 with { Upper = new UdpSpec(51000, 7, TranslationPairs.Data) };
        var other4 = req4 with { Upper = new UdpSpec(51000, 7, TranslationPairs.Data), Identification = 0x4444 };

        // When
        var comparison = GoldenComparer.ComparePair(new CapturePair([Packet(req6, 0)], [Packet(req4, 0)]), new CapturePair([Packet(other6, 0, 60)], [Packet(other4, 0, 60)]));

        // Then
        comparison.Matches.Should().BeTrue(comparison.ToString());
    }

    [Fact]
    public void Compare_ExtraPacket_IsReported()
    {
        // Given
        var (p, _) = TranslationPairs.Udp6To4();

        // When
        var comparison = GoldenComparer.Compare([Packet(p, 0)], [Packet(p, 0), Packet(p, 1)]);

        // Then
        comparison.Differences.Should().ContainSingle().Which.Should().Be(new GoldenDifference(1, "packet", "absent", "present"));
    }

    [Fact]
    public void Rules_ListEveryNormalisedFieldWithAReason()
    {
        // Given / When / Then
        GoldenNormalizer.Rules.Should().HaveCountGreaterThan(5).And.OnlyContain(r => r.Reason.Length > 10 && r.Treatment.Length > 0);
    }

    [Fact]
    public void CheckAgainstFiles_UpdateMode_RewritesGoldenThenCompareModeMatches()
    {
        // Given: the mode is an argument; nothing reads or sets an environment variable
        var folder = Path.Combine(Path.GetTempPath(), $"nat64h-golden-{Guid.NewGuid():N}");
        var (p6, p4) = TranslationPairs.Udp6To4();
        var pair = new CapturePair([Packet(p6, 0)], [Packet(p4, 0)]);
        var before = Path.Combine(folder, "before.pcap");
        var after = Path.Combine(folder, "after.pcap");
        try
        {
            // When
            var update = GoldenComparer.CheckAgainstFiles(before, after, pair, GoldenMode.Update);
            var check = GoldenComparer.CheckAgainstFiles(before, after, pair, GoldenMode.Compare);
            var broken = GoldenComparer.CheckAgainstFiles(before, after, pair with { After = [Packet(p4 with { HopLimit = 9 }, 0)] }, GoldenMode.Compare);

            // Then
            update.Updated.Should().BeTrue();
            check.Updated.Should().BeFalse();
            check.Matches.Should().BeTrue(check.ToString());
            broken.Differences.Should().ContainSingle(d => d.Field == "ipv4.ttl" && d.Side == "after");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
