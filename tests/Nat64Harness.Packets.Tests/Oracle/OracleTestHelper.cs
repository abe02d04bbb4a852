using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;

namespace Nat64Harness.Packets.Tests.Oracle;

internal static class OracleTestHelper
{
    public static TranslationVerdict Judge(TestPacket before, TestPacket after, TranslationContext? context = null) =>
        new TranslationOracle(context ?? TranslationPairs.Context()).Judge(before.Build(), after.Build(), 0, 1);

    public static string Explain(TranslationVerdict verdict) =>
        string.Join("\n", verdict.Checks.Select(c => $"{(c.Passed ? "ok  " : "FAIL")} {c.Field}: expected {c.Expected}, seen {c.Seen} ({c.RfcClause})"));
}
