namespace Nat64Harness.Tests.Support;

/// <summary>
/// The rules that keep the CI workflow and the tests' traits in step (README, "Test traits"):
/// every test class says its Category (Unit or Docker), and says Docker exactly when it needs the engine; a Docker
/// class says its Vpn, Router and Prefix; every filter of the workflow parses, names only traits some test carries
/// and selects some test; every Docker test falls in exactly one Docker shard, and no unit shard runs one.
/// </summary>
internal static class TraitRules
{
    public const string Category = "Category";
    public const string Docker = "Docker";
    public const string Unit = "Unit";

    /// <summary>The traits a Docker class must carry besides Category, one value each.</summary>
    public static readonly string[] DockerDimensions = ["Vpn", "Router", "Prefix"];

    private static readonly HashSet<string> BuiltIn = new(StringComparer.OrdinalIgnoreCase) { "FullyQualifiedName", "Name", "DisplayName", "ClassName" };

    /// <summary>What is wrong with the classes' traits alone.</summary>
    public static IEnumerable<string> CheckClasses(IEnumerable<TestClass> classes)
    {
        foreach (var c in classes)
        {
            var categories = c.ClassTraits[Category].ToList();
            var name = c.Type.FullName;
            if (categories.Count != 1 || categories[0] is not (Docker or Unit))
            {
                yield return $"{name}: carries {(categories.Count == 0 ? "no Category trait" : $"Category={string.Join(",", categories)}")}; every test class says [Trait(\"Category\", \"Unit\")] or [Trait(\"Category\", \"Docker\")]{(c.DockerEvidence is { } e ? $" (this one needs Docker: {e})" : string.Empty)}";
                continue;
            }

            if (c.DockerEvidence is { } evidence && categories[0] != Docker)
            {
                yield return $"{name}: needs Docker ({evidence}) but carries Category={categories[0]}";
            }

            if (c.DockerEvidence is null && categories[0] == Docker)
            {
                yield return $"{name}: carries Category=Docker, but nothing in it uses the engine, a topology or the Docker collection";
            }

            if (categories[0] == Docker)
            {
                foreach (var dimension in DockerDimensions.Where(d => c.ClassTraits[d].Count() != 1))
                {
                    yield return $"{name}: a Docker class carries one {dimension} trait, it has {c.ClassTraits[dimension].Count()}";
                }
            }
        }
    }

    /// <summary>What is wrong between the workflow's shards and the tests they select.</summary>
    public static IEnumerable<string> CheckShards(IReadOnlyList<WorkflowShard> shards, IReadOnlyList<TestClass> classes)
    {
        var tests = classes.SelectMany(c => c.Tests.Select(t => (Class: c, t.Name, t.Properties))).ToList();
        var carried = tests.SelectMany(t => t.Properties.SelectMany(g => g.Select(v => (g.Key, v))))
            .ToHashSet(new TraitComparer());
        var parsed = new List<(WorkflowShard Shard, TestFilter Filter)>();
        foreach (var shard in shards)
        {
            if (shard.Unresolved is { } expression)
            {
                yield return $"{shard.Job}: filter '{shard.Filter}' keeps {expression}, which no matrix value fills";
                continue;
            }

            if (shard.Filter is null)
            {
                yield return $"{shard.Job}: `dotnet test {shard.Target}` has no --filter: it would run the Docker tests of every shard";
                continue;
            }

            var (filter, error) = TryParse(shard.Filter);
            if (filter is null)
            {
                yield return $"{shard.Job}: {error}";
                continue;
            }

            foreach (var condition in filter.Conditions.Where(c => !BuiltIn.Contains(c.Property) && c.Operator is "=" or "!="))
            {
                if (!carried.Contains((condition.Property, condition.Value)))
                {
                    yield return $"{shard.Job}: filter '{shard.Filter}' names {condition.Property}={condition.Value}, a trait no test carries";
                }
            }

            if (!tests.Any(t => filter.Matches(t.Properties)))
            {
                yield return $"{shard.Job}: filter '{shard.Filter}' selects no test";
            }

            parsed.Add((shard, filter));
        }

        var dockerShards = parsed.Where(p => p.Filter.Conditions.Any(c => c.Property == Category && c is { Operator: "=", Value: Docker })).ToList();
        foreach (var test in tests.Where(t => t.Class.DockerEvidence is not null || t.Class.ClassTraits[Category].Contains(Docker)))
        {
            var inShards = dockerShards.Where(s => s.Filter.Matches(test.Properties)).Select(s => s.Shard.Job).ToList();
            if (inShards.Count != 1)
            {
                yield return $"{test.Class.Type.Name}.{test.Name}: a Docker test runs in {inShards.Count} Docker shards{(inShards.Count > 1 ? $" ({string.Join("; ", inShards)})" : string.Empty)}, not exactly one";
            }

            foreach (var other in parsed.Except(dockerShards).Where(s => s.Filter.Matches(test.Properties)))
            {
                yield return $"{test.Class.Type.Name}.{test.Name}: a Docker test selected by the non-Docker shard {other.Shard.Job}";
            }
        }
    }

    private static (TestFilter? Filter, string? Error) TryParse(string text)
    {
        try
        {
            return (TestFilter.Parse(text), null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }

    private sealed class TraitComparer : IEqualityComparer<(string, string)>
    {
        public bool Equals((string, string) x, (string, string) y) =>
            string.Equals(x.Item1, y.Item1, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(obj.Item1.ToUpperInvariant(), obj.Item2.ToUpperInvariant());
    }
}
