namespace Nat64Harness.Golden;

/// <summary>A field that legitimately varies between runs, how the normaliser treats it, and why.</summary>
/// <param name="Field">Field name as it appears in extracted packets (or "timestamp" / "link").</param>
/// <param name="Treatment">What the normaliser does with it.</param>
/// <param name="Reason">Why the field may vary.</param>
public sealed record NormalizationRule(string Field, string Treatment, string Reason);
