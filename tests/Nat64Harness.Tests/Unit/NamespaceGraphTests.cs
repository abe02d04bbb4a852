using System.Reflection;
using System.Reflection.Emit;
using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Cli;
using Nat64Harness.Tests.Support;
using Nat64Harness.Topology;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The namespaces of the harness depend on each other one way only: models at the bottom, services above, the CLI
/// on top. The graph is read from the compiled assemblies (signatures and method bodies), not from usings.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NamespaceGraphTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-graph-").FullName;

    /// <summary>The whole product: the offline Packets assembly, the Docker-side library and the CLI.</summary>
    private static string[] Product => [typeof(Nat64Prefix).Assembly.Location, typeof(Nat64Topology).Assembly.Location, typeof(CliApp).Assembly.Location];

    [Fact]
    public void Product_NamespaceGraph_HasNoCycle()
    {
        // Given the namespace graph of the whole product
        var graph = NamespaceGraph.FromAssemblies(Product, "Nat64Harness");

        // When its strongly connected components are computed
        var cycles = graph.Cycles();

        // Then there are none; when one comes back, each step is named with the reference behind it
        cycles.Should().BeEmpty("a namespace cycle is a design bug:\n" + string.Join("\n", cycles.Select(graph.Describe)));
        var layers = graph.Layers();
        for (var i = 0; i < layers.Count; i++)
        {
            output.WriteLine($"layer {i}: {string.Join(", ", layers[i])}");
        }
    }

    [Fact]
    public void Model_DependsOnNothingOfTheHarness_ButThePacketsAssembly()
    {
        var graph = NamespaceGraph.FromAssemblies(Product, "Nat64Harness");
        var packets = NamespacesOf(typeof(Nat64Prefix).Assembly);

        graph.Edges["Nat64Harness.Model"].Keys.Should().OnlyContain(ns => packets.Contains(ns), "models sit below every service");
    }

    [Fact]
    public void Reader_SeesReferencesInSignaturesAndInMethodBodies()
    {
        var graph = NamespaceGraph.FromAssemblies(Product, "Nat64Harness");

        // IVpnUnderTest.RouterRoutes(AddressPlan): a signature
        graph.Edges["Nat64Harness.Vpn"].Should().ContainKey("Nat64Harness.Model");

        // The assembler calls DockerEngine.EnsureConfigured: only a method body names Docker from Topology
        graph.Edges["Nat64Harness.Topology"].Should().ContainKey("Nat64Harness.Docker");
        graph.Edges["Nat64Harness.Topology"]["Nat64Harness.Docker"].Should().Contain("body of");
    }

    [Fact]
    public void CycleFinder_GivenGraphWithCycle_NamesEveryStep()
    {
        // Given Topology → Vpn → Model → Topology, beside an acyclic Docker leaf
        var graph = NamespaceGraph.FromEdges("N",
            ("N.Topology", "N.Vpn"), ("N.Vpn", "N.Model"), ("N.Model", "N.Topology"), ("N.Topology", "N.Docker"));

        var cycles = graph.Cycles();

        cycles.Should().ContainSingle().Which.Should().Equal("N.Model", "N.Topology", "N.Vpn", "N.Model");
        graph.Describe(cycles[0]).Should().Contain("N.Vpn → N.Model: given");
        graph.Invoking(g => g.Layers()).Should().Throw<InvalidOperationException>().WithMessage("*cycle*");
    }

    [Fact]
    public void Reader_OnAnAssemblyWithACycleThroughAMethodBody_FindsIt()
    {
        // Given an assembly where A names B only inside a method body, after a jump table the reader must step
        // over, and B names A only in a field's type
        var path = Path.Combine(_directory, "Cycle.dll");
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("Cycle"), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule("Cycle");
        var a = module.DefineType("Nat64Harness.Sample.Left.A", TypeAttributes.Public | TypeAttributes.Class);
        var b = module.DefineType("Nat64Harness.Sample.Right.B", TypeAttributes.Public | TypeAttributes.Class);
        var bConstructor = b.DefineDefaultConstructor(MethodAttributes.Public);
        b.DefineField("left", a, FieldAttributes.Public);
        var make = a.DefineMethod("Make", MethodAttributes.Public | MethodAttributes.Static, typeof(object), Type.EmptyTypes);
        var il = make.GetILGenerator();
        var (near, far) = (il.DefineLabel(), il.DefineLabel());
        il.Emit(OpCodes.Ldc_I4_0);

        // The table's last entry (0x20 = 5 + 1 + 26 bytes ahead) reads as ldc.i4 to a reader that steps over the
        // table wrongly: it would swallow the newobj's opcode and never see B.
        il.Emit(OpCodes.Switch, [near, near, far]);
        il.MarkLabel(near);
        il.Emit(OpCodes.Newobj, bConstructor);
        il.Emit(OpCodes.Ret);
        for (var i = 0; i < 26; i++)
        {
            il.Emit(OpCodes.Nop);
        }

        il.MarkLabel(far);
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Ret);
        a.CreateType();
        b.CreateType();
        assembly.Save(path);

        // When its graph is read
        var graph = NamespaceGraph.FromAssemblies([path], "Nat64Harness");

        // Then the cycle is found, with the body and the field as the reasons
        var cycle = graph.Cycles().Should().ContainSingle().Subject;
        var text = graph.Describe(cycle);
        text.Should().Contain("Nat64Harness.Sample.Left.A: body of Make").And.Contain("Nat64Harness.Sample.Right.B: field left");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static HashSet<string> NamespacesOf(Assembly assembly) =>
        assembly.GetTypes().Select(t => t.Namespace).OfType<string>().ToHashSet(StringComparer.Ordinal);
}
