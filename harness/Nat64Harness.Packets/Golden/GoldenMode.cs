namespace Nat64Harness.Golden;

/// <summary>What a golden check does with its golden files: an explicit argument, never an environment variable.</summary>
public enum GoldenMode
{
    /// <summary>Compare the actual capture with the golden one.</summary>
    Compare,

    /// <summary>Rewrite the golden files from the actual capture (and report that, not a comparison).</summary>
    Update,
}
