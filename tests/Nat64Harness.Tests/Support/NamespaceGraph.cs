using System.Reflection.PortableExecutable;

namespace Nat64Harness.Tests.Support;

/// <summary>
/// Which namespace of ours uses which, read from compiled assemblies: every type a type definition names in its
/// base type, interfaces, generic constraints, attributes, field, property, event and method signatures, locals,
/// and every type, method and field token its method bodies use. Compiler-generated nested types (closures,
/// async state machines) count for the type that declares them.
/// </summary>
public sealed class NamespaceGraph
{
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _nodes = new(StringComparer.Ordinal);

    private NamespaceGraph(string prefix) => Prefix = prefix;

    /// <summary>Only namespaces starting with this prefix are nodes.</summary>
    public string Prefix { get; }

    /// <summary>Every namespace seen, defined or referenced.</summary>
    public IReadOnlyCollection<string> Nodes => _nodes;

    /// <summary>For each namespace, the namespaces it uses, each with one example of why.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, string>> Edges => _edges;

    /// <summary>The graph of the namespaces under <paramref name="prefix"/> in the assemblies at <paramref name="paths"/>.</summary>
    public static NamespaceGraph FromAssemblies(IEnumerable<string> paths, string prefix)
    {
        var graph = new NamespaceGraph(prefix);
        foreach (var path in paths)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            new MetadataScanner(pe, graph.Add).ScanAll();
        }

        return graph;
    }

    /// <summary>A graph given edge by edge (to show the cycle finder at work on a known graph).</summary>
    public static NamespaceGraph FromEdges(string prefix, params (string From, string To)[] edges)
    {
        var graph = new NamespaceGraph(prefix);
        foreach (var (from, to) in edges)
        {
            graph.Add(from, to, "given");
        }

        return graph;
    }

    /// <summary>One cycle per strongly connected component of two or more namespaces, as a closed path (first = last).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles() => CycleFinder.Find(_nodes, n => Targets(n));

    /// <summary>A cycle as text, each step with the reference that makes it.</summary>
    public string Describe(IReadOnlyList<string> cycle) =>
        string.Join(" → ", cycle) + string.Concat(cycle.Zip(cycle.Skip(1)).Select(s => $"\n    {s.First} → {s.Second}: {_edges[s.First][s.Second]}"));

    /// <summary>
    /// Layers bottom to top for an acyclic graph: a namespace sits one above the highest it uses, so layer 0 uses
    /// none of ours.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Layers()
    {
        var level = new Dictionary<string, int>(StringComparer.Ordinal);
        int Level(string node, HashSet<string> path)
        {
            if (level.TryGetValue(node, out var known))
            {
                return known;
            }

            if (!path.Add(node))
            {
                throw new InvalidOperationException($"cycle through {node}: layers exist only for an acyclic graph");
            }

            var value = Targets(node).Select(t => Level(t, path) + 1).DefaultIfEmpty(0).Max();
            path.Remove(node);
            return level[node] = value;
        }

        foreach (var node in _nodes)
        {
            Level(node, []);
        }

        return level.GroupBy(p => p.Value).OrderBy(g => g.Key).Select(g => (IReadOnlyList<string>)g.Select(p => p.Key).Order(StringComparer.Ordinal).ToList()).ToList();
    }

    private IEnumerable<string> Targets(string node) => _edges.TryGetValue(node, out var to) ? to.Keys : [];

    private void Add(string from, string to, string why)
    {
        if (!from.StartsWith(Prefix, StringComparison.Ordinal) || !to.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        _nodes.Add(from);
        _nodes.Add(to);
        if (from == to)
        {
            return;
        }

        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        }

        targets.TryAdd(to, why);
    }
}
