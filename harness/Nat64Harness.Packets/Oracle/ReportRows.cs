namespace Nat64Harness.Oracle;

/// <summary>Which rows a streamed <see cref="PairingReport"/> shows; the counts always cover every row.</summary>
public enum ReportRows
{
    /// <summary>Rows that did not pass (failures, losses, duplicates, …): what a person or a CI job acts on.</summary>
    Failures,

    /// <summary>Every row, passing ones included.</summary>
    All,
}
