namespace Nat64Harness.Oracle;

/// <summary>The oracle's judgement of one packet pair, field by field.</summary>
/// <param name="BeforeIndex">Index of the packet before translation in its capture, when known.</param>
/// <param name="AfterIndex">Index of the packet after translation in its capture, when known.</param>
/// <param name="Direction">Direction of translation.</param>
/// <param name="Description">One line naming the flow, e.g. "UDP 2001:db8::2:40000 → 64:ff9b::6440:a:7".</param>
/// <param name="Checks">Every comparison made, passed or failed.</param>
public sealed record TranslationVerdict(
    long? BeforeIndex, long? AfterIndex, TranslationDirection Direction, string Description, IReadOnlyList<FieldCheck> Checks)
{
    /// <summary>True when there is at least one check and every check passed.</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>The checks that failed.</summary>
    public IEnumerable<FieldCheck> Failures => Checks.Where(c => !c.Passed);

    /// <summary>Finds the check of <paramref name="field"/>, or null.</summary>
    public FieldCheck? this[string field] => Checks.FirstOrDefault(c => c.Field == field);
}
