using System.Globalization;
using System.Text;

namespace Nat64Harness.Oracle;

/// <summary>Renders a <see cref="PairingReport"/> as a fixed-width table, one row per pair, failures expanded.</summary>
internal static class TextReport
{
    public static string Render(PairingReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"NAT64 translation report: {report.BeforeName} ⇄ {report.AfterName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"#",5}  {"before",7}  {"after",7}  {"dir",4}  {"result",-12}  flow");
        var row = 0;
        foreach (var e in report.Rows)
        {
            row++;
            var result = e.Outcome switch
            {
                PairingOutcome.Paired => e.Passed ? "PASS" : "FAIL",
                PairingOutcome.ErrorReturned => e.Passed ? "PASS(error)" : "FAIL(error)",
                PairingOutcome.AnsweredAsRequired => e.Passed ? "PASS(answer)" : "FAIL(answer)",
                PairingOutcome.DroppedAsRequired => "PASS(drop)",
                PairingOutcome.NotAnswered => "NOT ANSWERED",
                _ => e.Outcome.ToString().ToUpperInvariant(),
            };
            var direction = e.Verdict?.Direction switch
            {
                TranslationDirection.Ipv6ToIpv4 => "6→4",
                TranslationDirection.Ipv4ToIpv6 => "4→6",
                _ => "-",
            };
            var flow = e.Verdict?.Description ?? Describe(e);
            text.AppendLine(CultureInfo.InvariantCulture, $"{row,5}  {Index(e.Before),7}  {Index(e.After),7}  {direction + (e.Ambiguity is null ? string.Empty : "?"),4}  {result,-12}  {flow}");
            if (e.Ambiguity is { } ambiguity)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{string.Empty,20}? direction: {ambiguity}");
            }

            foreach (var failure in e.Verdict?.Failures ?? [])
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{string.Empty,20}✗ {failure.Field}: expected {failure.Expected}; seen {failure.Seen}  [{failure.RfcClause}]");
            }
        }

        if (report.RowsOmitted > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"      ... {report.RowsOmitted} passing rows omitted");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"Summary: {report.Paired} judged ({report.Passed} passed, {report.Failed} failed; {report.DroppedAsRequired} dropped as required, {report.AnsweredAsRequired} answered as required), {report.NotAnswered} not answered, {report.Lost} lost, {report.Duplicated} duplicated, {report.Unexplained} unexplained, {report.Unjudgeable} unjudgeable, {report.AmbiguousDirections} ambiguous directions → {(report.Conforms ? "CONFORMS" : "DOES NOT CONFORM")}");
        return text.ToString();
    }

    private static string Index(Capture.CapturedPacket? packet) =>
        packet is { } p ? p.Index.ToString(CultureInfo.InvariantCulture) : "-";

    private static string Describe(PairingEvent e)
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
