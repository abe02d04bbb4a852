namespace Nat64Harness.Oracle;

/// <summary>
/// Receives a pairing report as it is made (<see cref="PairingReport.Stream"/>): the names first, then each row the
/// report shows as it is judged, then the complete counts. A writer keeps nothing it does not need, so a report on
/// millions of packets costs no more memory than one on ten.
/// </summary>
public interface IPairingReportWriter
{
    /// <summary>Before the first row: <see cref="PairingReport.BeforeName"/> and <see cref="PairingReport.AfterName"/> are set, the counts are zero.</summary>
    void Begin(PairingReport report);

    /// <summary>One row; <paramref name="number"/> counts every row from 1, shown or not, so a row keeps its number whatever is left out.</summary>
    void Row(long number, in PairingEvent row);

    /// <summary>After the last row: the counts are complete.</summary>
    void End(PairingReport report);
}
