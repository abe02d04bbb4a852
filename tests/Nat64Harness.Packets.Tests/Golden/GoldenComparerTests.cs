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
    [InlineData("ipv4.hop_limit")]   // TTL is not a varying field
    [InlineData("tcp.flags")]        // SYN vs SYN-ACK matters
    [InlineData("tcp.acknowledgment")] // relative ack must match
    [InlineData("tcp.checksum")]     // validity is compared
    public void Compare_FieldThatMustNotVary_ReportsPacketIndexAndField(string field)
    {
        // Given
        var good = new TestPacket { Source = TranslationPairs.Pool4, Destination = TranslationPairs.Server4, Upper = new TcpSpec(40100, 80, 1000, 5001, 0x10, []) };
        var bad = field switch
        {
            "ipv4.hop_limit" => good with { HopLimit = 1 },
            "tcp.flags" => good with { Upper = ((TcpSpec)good.Upper) with { Flags = 0x11 } },
            "tcp.acknowledgment" => good with { Upper = ((TcpSpec)good.Upper) with { Acknowledgment = 5002 } },
            _ => good with { Upper = ((TcpSpec)good.Upper) with { ChecksumOverride = 1 } },
        };
        var first = new TestPacket { Source = TranslationPairs.Server4, Destination = TranslationPairs.Pool4, Upper = new TcpSpec(80, 40100, 5000, 1000, 0x12, []) };

        // When
        var comparison = GoldenComparer.Compare([Packet(first, 0), Packet(good, 1)], [Packet(first, 0), Packet(bad, 1)]);

        // Then
        comparison.Differences.Should().ContainSingle().Which.Should().Match<GoldenDifference>(d => d.PacketIndex == 1 && d.Field == field);
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
    public void CheckAgainstFile_UpdateVariableSet_RewritesGolden()
    {
        // Given
        var path = Path.Combine(Path.GetTempPath(), $"nat64h-golden-{Guid.NewGuid():N}.pcap");
        var (p, _) = TranslationPairs.Udp6To4();
        var previous = Environment.GetEnvironmentVariable(GoldenComparer.UpdateVariable);
        try
        {
            // When
            Environment.SetEnvironmentVariable(GoldenComparer.UpdateVariable, "1");
            var update = GoldenComparer.CheckAgainstFile(path, [Packet(p, 0)]);
            Environment.SetEnvironmentVariable(GoldenComparer.UpdateVariable, previous);
            var check = GoldenComparer.CheckAgainstFile(path, [Packet(p, 0)]);

            // Then
            update.Updated.Should().BeTrue();
            check.Matches.Should().BeTrue(check.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(GoldenComparer.UpdateVariable, previous);
            File.Delete(path);
        }
    }
}
