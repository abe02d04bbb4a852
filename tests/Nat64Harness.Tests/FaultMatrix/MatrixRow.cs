using System.Text.RegularExpressions;

namespace Nat64Harness.Tests.FaultMatrix;

/// <summary>One row of the expected fault matrix: a VPN (<c>folder</c> or <c>folder:fault</c>), its cells, and the pattern its failures must match.</summary>
/// <param name="Vpn">The VPN as <c>--vpn</c> names it.</param>
/// <param name="Cells">One cell per column, in the file's column order.</param>
/// <param name="Pattern">For a fault: the symptom a caught failure names. For a clean VPN: what its known deviations say. Null when the row has none.</param>
/// <param name="Line">The line in the file, for messages.</param>
public sealed record MatrixRow(string Vpn, IReadOnlyList<MatrixCell> Cells, Regex? Pattern, int Line)
{
    /// <summary>True for a row of a VPN with a fault (the control rows are clean VPNs).</summary>
    public bool IsFault => Vpn.Contains(':', StringComparison.Ordinal);

    /// <summary>How a column's failure text counts in this row: caught or known when it matches the pattern, failed otherwise.</summary>
    public MatrixCell Classify(string? failure) =>
        failure is null ? MatrixCell.Passed
        : Pattern?.IsMatch(failure) == true ? (IsFault ? MatrixCell.Caught : MatrixCell.Known)
        : MatrixCell.Failed;
}
