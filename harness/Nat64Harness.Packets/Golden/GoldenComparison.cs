namespace Nat64Harness.Golden;

/// <summary>Result of comparing a capture (or a pair of captures) with its golden one.</summary>
/// <param name="Differences">Every differing field, in packet order.</param>
/// <param name="Updated">True when <see cref="GoldenMode.Update"/> made the check rewrite the golden files instead.</param>
public sealed record GoldenComparison(IReadOnlyList<GoldenDifference> Differences, bool Updated)
{
    /// <summary>True when nothing differs (or the golden file was just rewritten).</summary>
    public bool Matches => Differences.Count == 0;

    /// <summary>One line per difference.</summary>
    public override string ToString() =>
        Updated ? "golden file updated" : Matches ? "matches golden" : string.Join('\n', Differences);
}
