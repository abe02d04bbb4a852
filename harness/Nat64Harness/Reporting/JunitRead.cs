using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Nat64Harness.Reporting;

/// <summary>Reads JUnit XML written by the harness or by <c>dotnet test</c>'s JUnit logger, to merge CI shards into one report.</summary>
public static class JunitRead
{
    /// <summary>The suites of one file (a <c>testsuites</c> or a lone <c>testsuite</c> root).</summary>
    /// <exception cref="FormatException">Not JUnit XML; the message names the file.</exception>
    public static IReadOnlyList<JunitSuite> Suites(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException e)
        {
            throw new FormatException($"{path}: not XML ({e.Message})", e);
        }

        var root = document.Root!;
        var suites = root.Name.LocalName switch
        {
            "testsuites" => root.Elements("testsuite"),
            "testsuite" => [root],
            var other => throw new FormatException($"{path}: root element <{other}> is neither <testsuites> nor <testsuite>"),
        };
        return [.. suites.Select(s => new JunitSuite(
            (string?)s.Attribute("name") ?? Path.GetFileNameWithoutExtension(path),
            [.. s.Elements("testcase").Select(Case)],
            [.. s.Element("properties")?.Elements("property").Select(p => ((string?)p.Attribute("name") ?? string.Empty, (string?)p.Attribute("value") ?? string.Empty)) ?? [], ("file", path)]))];
    }

    private static JunitCase Case(XElement c)
    {
        var failure = c.Element("failure") ?? c.Element("error");
        var seconds = double.TryParse((string?)c.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : 0;
        var detail = failure?.Value ?? c.Element("skipped")?.Value ?? c.Element("system-out")?.Value ?? string.Empty;
        return new JunitCase((string?)c.Attribute("name") ?? "?", (string?)c.Attribute("classname") ?? string.Empty, seconds,
            failure is null ? null : (string?)failure.Attribute("message") ?? "failed", detail)
        {
            Skipped = c.Element("skipped") is not null,
        };
    }
}
