using System.Globalization;

namespace Nat64Harness.Oracle;

/// <summary>Writes a pairing report as a fixed-width table, one line per row, each failure expanded field by field.</summary>
/// <param name="output">Where the text goes (flushed by the caller).</param>
public sealed class TextReportWriter(TextWriter output) : IPairingReportWriter
{
    /// <inheritdoc />
    public void Begin(PairingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"NAT64 translation report: {report.BeforeName} ⇄ {report.AfterName}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"#",5}  {"before",7}  {"after",7}  {"dir",4}  {"result",-12}  flow"));
    }

    /// <inheritdoc />
    public void Row(long number, in PairingEvent row)
    {
        var result = row.Outcome switch
        {
            PairingOutcome.Paired => row.Passed ? "PASS" : "FAIL",
            PairingOutcome.ErrorReturned => row.Passed ? "PASS(error)" : "FAIL(error)",
            PairingOutcome.AnsweredAsRequired => row.Passed ? "PASS(answer)" : "FAIL(answer)",
            PairingOutcome.DroppedAsRequired => "PASS(drop)",
            PairingOutcome.NotAnswered => "NOT ANSWERED",
            _ => row.Outcome.ToString().ToUpperInvariant(),
        };
        var direction = row.Verdict?.Direction switch
        {
            TranslationDirection.Ipv6ToIpv4 => "6→4",
            TranslationDirection.Ipv4ToIpv6 => "4→6",
            _ => "-",
        };
        var flow = row.Verdict?.Description ?? Describe(row);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{number,5}  {Index(row.Before),7}  {Index(row.After),7}  {direction + (row.Ambiguity is null ? string.Empty : "?"),4}  {result,-12}  {flow}"));
        if (row.Ambiguity is { } ambiguity)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Empty,20}? direction: {ambiguity}"));
        }

        foreach (var failure in row.Verdict?.Failures ?? [])
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Empty,20}✗ {failure.Field}: expected {failure.Expected}; seen {failure.Seen}  [{failure.RfcClause}]"));
        }
    }

    /// <inheritdoc />
    public void End(PairingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.RowsOmitted > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      ... {report.RowsOmitted} passing rows omitted"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Summary: {report.Paired} judged ({report.Passed} passed, {report.Failed} failed; {report.DroppedAsRequired} dropped as required, {report.AnsweredAsRequired} answered as required), {report.NotAnswered} not answered, {report.Lost} lost, {report.Duplicated} duplicated, {report.Unexplained} unexplained, {report.Unjudgeable} unjudgeable, {report.AmbiguousDirections} ambiguous directions → {(report.Conforms ? "CONFORMS" : "DOES NOT CONFORM")}"));
    }

    private static string Index(Capture.CapturedPacket? packet) =>
        packet is { } p ? p.Index.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Describe(in PairingEvent e)
    {
        var packet = e.Before ?? e.After;
        if (packet is not { } p)
        {
            return string.Empty;
        }

        return Packets.IpPacket.TryParse(p.Ip, embedded: false, out var parsed, out var error)
            ? $"{TranslationOracle.Describe(parsed)} (from {e.Source})"
            : $"{error} (from {e.Source})";
    }
}
