using System.Globalization;
using System.Net;
using System.Text;

namespace Nat64Harness.Reporting;

/// <summary>Merged JUnit results as one self-contained HTML page and as a Markdown summary (a CI job's summary).</summary>
public static class JunitHtml
{
    /// <summary>Writes the page.</summary>
    public static void Save(string path, string title, IReadOnlyList<JunitSuite> suites)
    {
        ArgumentNullException.ThrowIfNull(suites);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var w = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var cases = suites.SelectMany(s => s.Cases).ToList();
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine($"<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlAssets.ContentSecurityPolicy}\">");
        w.WriteLine($"<title>{E(title)}</title><style>{HtmlAssets.Style}</style></head><body><h1>{E(title)}</h1>");
        w.WriteLine(Inv($"<p class=\"{(cases.Any(c => c.Failure is not null) ? "fail" : "pass")}\">{Line(cases)}</p>"));
        w.WriteLine("<table><tr><th>suite</th><th>tests</th><th>failed</th><th>skipped</th><th>from</th></tr>");
        foreach (var s in suites)
        {
            var failed = s.Cases.Count(c => c.Failure is not null);
            var from = s.Properties.FirstOrDefault(p => p.Name == "file").Value ?? string.Empty;
            w.WriteLine(Inv($"<tr class=\"{(failed > 0 ? "fail" : "pass")}\"><td>{E(s.Name)}</td><td>{s.Cases.Count}</td><td>{failed}</td><td>{s.Cases.Count(c => c.Skipped)}</td><td>{E(Path.GetFileName(from))}</td></tr>"));
        }

        w.WriteLine("</table>");
        var failures = cases.Where(c => c.Failure is not null).ToList();
        if (failures.Count > 0)
        {
            w.WriteLine("<h2>Failures</h2><table class=\"failures\"><tr><th>test</th><th>message</th><th>detail</th></tr>");
            foreach (var c in failures)
            {
                w.WriteLine($"<tr class=\"failure\"><td>{E(c.ClassName)}.{E(c.Name)}</td><td class=\"field\">{E(c.Failure!)}</td><td><pre>{E(c.Detail)}</pre></td></tr>");
            }

            w.WriteLine("</table>");
        }

        w.WriteLine("</body></html>");
    }

    /// <summary>The counts and the failed tests as Markdown.</summary>
    public static string Markdown(string title, IReadOnlyList<JunitSuite> suites)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var cases = suites.SelectMany(s => s.Cases).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {title}");
        text.AppendLine();
        text.AppendLine(Line(cases));
        foreach (var c in cases.Where(c => c.Failure is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- ❌ `{c.ClassName}.{c.Name}`: {c.Failure}");
        }

        return text.ToString();
    }

    private static string Line(List<JunitCase> cases) =>
        Inv($"{cases.Count(c => c.Failure is null && !c.Skipped)} passed, {cases.Count(c => c.Failure is not null)} failed, {cases.Count(c => c.Skipped)} skipped");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
