using System.Reflection;
using Nat64Harness.Docker;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;

namespace Nat64Harness.Tests.Support;

/// <summary>
/// A test class as the runner sees it (its tests and their traits) and whether it needs a Docker engine, told
/// from what it does rather than from what it says: it sits in the Docker collection, takes a topology fixture, or
/// its code reaches the engine gate, a topology or the engine.
/// </summary>
/// <param name="Type">The class.</param>
/// <param name="Tests">Each test method's name and traits (the class's and its own).</param>
/// <param name="DockerEvidence">Why it needs Docker, or null when nothing says so.</param>
internal sealed record TestClass(Type Type, IReadOnlyList<(string Name, ILookup<string, string> Properties)> Tests, string? DockerEvidence)
{
    private static readonly Type[] DockerTypes = [typeof(DockerRequirement), typeof(Nat64Topology), typeof(TopologyFixture), typeof(DockerEngine)];

    /// <summary>The traits on the class itself (inherited ones included, as xUnit reads them).</summary>
    public ILookup<string, string> ClassTraits => ClassTraitsOf(Type).ToLookup(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every concrete class of <paramref name="assembly"/> with a test method.</summary>
    public static IReadOnlyList<TestClass> In(Assembly assembly) =>
        [.. assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && TestMethods(t).Any()).Select(Describe)];

    /// <summary>A class's tests and the evidence that it needs Docker.</summary>
    public static TestClass Describe(Type type)
    {
        var classTraits = ClassTraitsOf(type).ToList();
        var tests = TestMethods(type).Select(m =>
        {
            var properties = classTraits.Concat(TraitsOn(m))
                .Append(("FullyQualifiedName", $"{type.FullName}.{m.Name}"))
                .Append(("Name", m.Name))
                .ToLookup(p => p.Item1, p => p.Item2, StringComparer.OrdinalIgnoreCase);
            return (m.Name, properties);
        }).ToList();
        return new TestClass(type, tests, FindDockerEvidence(type));
    }

    private static IEnumerable<MethodInfo> TestMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.IsDefined(typeof(FactAttribute), inherit: true));

    // xUnit 2's TraitAttribute keeps its name and value only as constructor arguments; a class's own and its bases' count.
    private static IEnumerable<(string Name, string Value)> ClassTraitsOf(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var trait in TraitsOn(t))
            {
                yield return trait;
            }
        }
    }

    private static IEnumerable<(string Name, string Value)> TraitsOn(MemberInfo member) =>
        member.GetCustomAttributesData().Where(a => a.AttributeType == typeof(TraitAttribute))
            .Select(a => ((string)a.ConstructorArguments[0].Value!, (string)a.ConstructorArguments[1].Value!));

    private static string? FindDockerEvidence(Type type)
    {
        var collection = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(CollectionAttribute));
        if (collection?.ConstructorArguments.FirstOrDefault().Value is string lane && DockerLanes.Names.Contains(lane))
        {
            return $"[Collection(\"{lane}\")]";
        }

        var fixture = type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0]).FirstOrDefault(t => typeof(TopologyFixture).IsAssignableFrom(t));
        if (fixture is not null)
        {
            return $"IClassFixture<{fixture.Name}>";
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            if (IlReferences.Of(t).FirstOrDefault(r => DockerTypes.Any(d => d.IsAssignableFrom(r))) is { } used)
            {
                return $"{t.Name}'s code uses {used.Name}";
            }
        }

        return null;
    }
}
