using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class OracleFuzzTests
{
    public static TheoryData<string> Scenarios => OraclePositiveTests.Scenarios;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void JudgeAndPair_CorruptedPackets_NeverThrow(string scenario)
    {
        // Given: deterministic corruption of both packets of a correct pair (flips, cuts, appended garbage)
        var (before, after) = OraclePositiveTests.Scenario(scenario);
        var good = new[] { before.Build(), after.Build() };
        var random = new Random(scenario.GetHashCode(StringComparison.Ordinal) ^ 7915);
        var oracle = new TranslationOracle(Support.TranslationPairs.Context());
        var failures = new List<string>();

        // When
        for (var i = 0; i < 500; i++)
        {
            var pair = good.Select(p => Corrupt(p, random)).ToArray();
            try
            {
                var verdict = oracle.Judge(pair[0], pair[1], 0, 1);
                verdict.Checks.Should().NotBeEmpty();
                var t = DateTimeOffset.UnixEpoch;
                _ = new Pairer(Support.TranslationPairs.Context(), TimeSpan.FromSeconds(1))
                    .Pair([new CapturedPacket(0, t, pair[0], 0, LinkTypes.Raw)], [new CapturedPacket(0, t, pair[1], 0, LinkTypes.Raw)])
                    .ToList();
            }
            catch (Exception e)
            {
                failures.Add($"iteration {i}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }

        // Then
        failures.Should().BeEmpty();
    }

    private static byte[] Corrupt(byte[] packet, Random random)
    {
        var bytes = (byte[])packet.Clone();
        switch (random.Next(4))
        {
            case 0:
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length + 1)];
            case 2:
                return [.. bytes, .. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (byte)random.Next(256))];
            default:
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
        }
    }
}
