using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Nat64Harness.Tests.Support;

/// <summary>
/// One <c>dotnet test</c> of a GitHub Actions workflow, with its matrix values substituted: the job, the project
/// or solution it tests, and its filter (null when it has none).
/// </summary>
/// <param name="Job">The job's id, with the matrix entry's values when there is a matrix.</param>
/// <param name="Target">What <c>dotnet test</c> was given (a project folder, a .csproj or a .sln).</param>
/// <param name="Filter">The filter text, or null.</param>
/// <param name="Unresolved">A <c>${{ }}</c> expression left in the filter, or null.</param>
internal sealed partial record WorkflowShard(string Job, string Target, string? Filter, string? Unresolved)
{
    /// <summary>Every <c>dotnet test</c> of the workflow, once per matrix entry of its job.</summary>
    public static IReadOnlyList<WorkflowShard> Read(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var shards = new List<WorkflowShard>();
        foreach (var (key, value) in (YamlMappingNode)root.Children[new YamlScalarNode("jobs")])
        {
            var job = (YamlMappingNode)value;
            var entries = MatrixEntries(job);
            var runs = Child(job, "steps") is YamlSequenceNode steps
                ? steps.Children.OfType<YamlMappingNode>().Select(s => Child(s, "run")).OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty)
                : [];
            foreach (var run in runs)
            {
                var tests = DotnetTest().Matches(run);
                for (var t = 0; t < tests.Count; t++)
                {
                    // The filter of this `dotnet test` is the first one before the next `dotnet test`.
                    var test = tests[t];
                    var end = t + 1 < tests.Count ? tests[t + 1].Index : run.Length;
                    var written = FilterOption().Match(run[test.Index..end]);
                    foreach (var entry in entries)
                    {
                        var filter = written.Success ? Substitute(written.Groups[1].Value, entry) : null;
                        var unresolved = filter is null ? null : Expression().Match(filter) is { Success: true } m ? m.Value : null;
                        var name = entry.Count == 0 ? ((YamlScalarNode)key).Value! : $"{((YamlScalarNode)key).Value} ({string.Join(", ", entry.Select(e => $"{e.Key}={e.Value}"))})";
                        shards.Add(new WorkflowShard(name, test.Groups["target"].Value, filter, unresolved));
                    }
                }
            }
        }

        return shards;
    }

    private static List<Dictionary<string, string>> MatrixEntries(YamlMappingNode job)
    {
        if (Child(job, "strategy") is not YamlMappingNode strategy || Child(strategy, "matrix") is not YamlMappingNode matrix)
        {
            return [[]];
        }

        if (Child(matrix, "include") is not YamlSequenceNode include || matrix.Children.Count != 1)
        {
            throw new NotSupportedException("the workflow's matrices are lists of include entries (every shard spelt out); a cross product would run shards no test class asks for");
        }

        return [.. include.Children.OfType<YamlMappingNode>().Select(e => e.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!))];
    }

    private static string Substitute(string text, Dictionary<string, string> entry) =>
        MatrixValue().Replace(text, m => entry.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    [GeneratedRegex(@"dotnet test\s+(?<target>[^\s-]\S*)")]
    private static partial Regex DotnetTest();

    [GeneratedRegex("--filter\\s+\"([^\"]*)\"")]
    private static partial Regex FilterOption();

    [GeneratedRegex(@"\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex MatrixValue();

    [GeneratedRegex(@"\$\{\{[^}]*\}\}")]
    private static partial Regex Expression();
}
