using System.Reflection;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Golden;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Packets;

/// <summary>One vocabulary: every field the oracle checks and the golden extractor emits is a <see cref="FieldNames"/> constant.</summary>
public sealed class FieldNamesTests
{
    private static readonly HashSet<string> Vocabulary = typeof(FieldNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet();

    public static TheoryData<string> Scenarios => OraclePositiveTests.Scenarios;

    private static string Bare(string field) =>
        field.StartsWith(FieldNames.Before, StringComparison.Ordinal) ? Bare(field[FieldNames.Before.Length..])
        : field.StartsWith(FieldNames.Inner, StringComparison.Ordinal) ? Bare(field[FieldNames.Inner.Length..])
        : field;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void OracleAndGolden_SamePair_UseOnlyVocabularyNames(string scenario)
    {
        // Given
        var (before, after) = OraclePositiveTests.Scenario(scenario);

        // When
        var oracle = OracleTestHelper.Judge(before, after).Checks.Select(c => Bare(c.Field));
        var golden = new GoldenNormalizer()
            .Normalize([new CapturedPacket(0, DateTimeOffset.UnixEpoch, before.Build(), 0, LinkTypes.Raw), new CapturedPacket(1, DateTimeOffset.UnixEpoch, after.Build(), 0, LinkTypes.Raw)])
            .SelectMany(p => p.Fields.Select(f => Bare(f.Key)));

        // Then
        oracle.Concat(golden).Distinct().Should().BeSubsetOf(Vocabulary);
    }

    [Fact]
    public void OracleAndGolden_Ipv4HopCount_HaveOneName()
    {
        // Given: the TTL field was "ipv4.ttl" in the oracle and "ipv4.hop_limit" in the golden extractor
        var (before, after) = TranslationPairs.Udp6To4();

        // When
        var oracle = OracleTestHelper.Judge(before, after).Checks.Select(c => c.Field);
        var golden = new GoldenNormalizer().Normalize([new CapturedPacket(0, DateTimeOffset.UnixEpoch, after.Build(), 0, LinkTypes.Raw)]).Single().Fields.Select(f => f.Key);

        // Then
        oracle.Should().Contain("ipv4.ttl");
        golden.Should().Contain("ipv4.ttl").And.NotContain("ipv4.hop_limit");
        golden.Should().Contain("ipv4.tos").And.Contain("ipv4.total_length").And.NotContain("ipv4.traffic_class");
    }
}
