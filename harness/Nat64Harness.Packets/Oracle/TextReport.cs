namespace Nat64Harness.Oracle;

/// <summary>Renders a collected <see cref="PairingReport"/> as text: its rows numbered in order, then the summary.</summary>
internal static class TextReport
{
    public static string Render(PairingReport report)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = Environment.NewLine };
        var writer = new TextReportWriter(text);
        writer.Begin(report);
        var number = 0L;
        foreach (var row in report.Rows)
        {
            writer.Row(++number, row);
        }

        writer.End(report);
        return text.ToString();
    }
}
