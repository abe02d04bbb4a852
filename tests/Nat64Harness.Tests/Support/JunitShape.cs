using System.Globalization;
using System.Xml.Linq;

namespace Nat64Harness.Tests.Support;

/// <summary>
/// The structure CI systems expect of JUnit XML (the subset Jenkins, GitLab and JUnit 5's reports agree on):
/// a <c>testsuites</c> root; each <c>testsuite</c> with a name and counts that match its cases; each <c>testcase</c>
/// with a name, a classname and a time; a <c>failure</c> with a message; nothing else inside a case.
/// </summary>
internal static class JunitShape
{
    private static readonly HashSet<string> CaseChildren = ["failure", "error", "skipped", "system-out", "system-err"];

    /// <summary>Every departure from that structure, or none.</summary>
    public static IReadOnlyList<string> Problems(string xml)
    {
        var problems = new List<string>();
        var root = XDocument.Parse(xml).Root!;
        if (root.Name.LocalName != "testsuites")
        {
            return [$"root is <{root.Name.LocalName}>, not <testsuites>"];
        }

        var all = root.Descendants("testcase").ToList();
        Count(problems, "testsuites", root, "tests", all.Count);
        Count(problems, "testsuites", root, "failures", all.Count(c => c.Element("failure") is not null));
        foreach (var suite in root.Elements())
        {
            if (suite.Name.LocalName != "testsuite")
            {
                problems.Add($"<{suite.Name.LocalName}> under <testsuites>");
                continue;
            }

            var name = (string?)suite.Attribute("name");
            if (string.IsNullOrEmpty(name))
            {
                problems.Add("a testsuite without a name");
            }

            var cases = suite.Elements("testcase").ToList();
            Count(problems, $"testsuite '{name}'", suite, "tests", cases.Count);
            Count(problems, $"testsuite '{name}'", suite, "failures", cases.Count(c => c.Element("failure") is not null));
            Count(problems, $"testsuite '{name}'", suite, "errors", cases.Count(c => c.Element("error") is not null));
            Count(problems, $"testsuite '{name}'", suite, "skipped", cases.Count(c => c.Element("skipped") is not null));
            Number(problems, $"testsuite '{name}'", suite, "time");
            foreach (var c in cases)
            {
                var id = $"testcase '{(string?)c.Attribute("name")}' of '{name}'";
                foreach (var required in new[] { "name", "classname" }.Where(a => string.IsNullOrEmpty((string?)c.Attribute(a))))
                {
                    problems.Add($"{id}: no {required}");
                }

                Number(problems, id, c, "time");
                problems.AddRange(c.Elements().Where(e => !CaseChildren.Contains(e.Name.LocalName)).Select(e => $"{id}: unexpected <{e.Name.LocalName}>"));
                if (c.Element("failure") is { } failure && string.IsNullOrEmpty((string?)failure.Attribute("message")))
                {
                    problems.Add($"{id}: a failure without a message");
                }
            }
        }

        return problems;
    }

    private static void Count(List<string> problems, string what, XElement e, string attribute, int expected)
    {
        var text = (string?)e.Attribute(attribute);
        if (text is null || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n != expected)
        {
            problems.Add($"{what}: {attribute}=\"{text}\", but it holds {expected}");
        }
    }

    private static void Number(List<string> problems, string what, XElement e, string attribute)
    {
        if (!double.TryParse((string?)e.Attribute(attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t < 0)
        {
            problems.Add($"{what}: {attribute}=\"{(string?)e.Attribute(attribute)}\" is not a time in seconds");
        }
    }
}
