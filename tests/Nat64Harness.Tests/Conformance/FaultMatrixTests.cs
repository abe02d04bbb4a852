using System.Collections.Concurrent;
using FluentAssertions;
using Nat64Harness.Tests.FaultMatrix;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Nat64Harness.Vpn;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// Proves the suite catches real per-app VPN bugs, cell by cell. The rows are every clean per-app VPN of containers/
/// (the control rows: the reference VPN and slirp4netns), then each fault every per-app VPN declares. Every row runs
/// every column (<see cref="MatrixColumn.All"/>), and the matrix seen must equal the one stored in the repository
/// (Conformance/fault-matrix.expected.txt), where a cell is caught only when the failure names the fault's symptom.
/// The rows are dealt to two halves, one per Docker lane, each on one topology whose VPN is replaced row by row (the
/// matrix took 289 s in one piece). The matrix seen so far lands in captures/fault-matrix.txt.
/// </summary>
public abstract class FaultMatrixTests(ITestOutputHelper output)
{
    /// <summary>The expected matrix, relative to the repository root.</summary>
    public const string ExpectedFile = "tests/Nat64Harness.Tests/Conformance/fault-matrix.expected.txt";

    private static readonly ConcurrentDictionary<string, IReadOnlyList<string?>> Seen = new();

    /// <summary>Which rows this half runs: those whose index modulo two is this.</summary>
    protected abstract int Half { get; }

    [SkippableFact]
    public async Task EveryRow_MatchesTheExpectedMatrix_CellByCell()
    {
        DockerRequirement.Check();
        var layout = TestSettings.Current.Layout;
        var expected = ExpectedMatrix.Parse(await File.ReadAllTextAsync(Path.Combine(layout.Root, ExpectedFile)), ExpectedFile);
        expected.Columns.Should().Equal(MatrixColumn.All.Select(c => c.Name), "the expected matrix's columns are the columns run");

        // Given the rows: every clean per-app VPN, then every fault a per-app VPN declares; this half's share of them
        var perApp = VpnCatalog.List(layout.Containers).Where(d => d.Kind != VpnKind.Tunnel).ToList();
        var rows = perApp.Select(d => d.Folder).Concat(perApp.SelectMany(d => d.Faults.Select(f => $"{d.Folder}:{f}"))).ToList();
        expected.Rows.Select(r => r.Vpn).Should().BeSubsetOf(rows, $"every row of {ExpectedFile} is a VPN or fault containers/ declares");
        var mine = rows.Where((_, i) => i % 2 == Half).ToList();

        // When each runs every column on one topology, its VPN replaced between rows
        var actual = new Dictionary<string, IReadOnlyList<string?>>();
        await using var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology($"faults{Half}", TextWriter.Null) with { Vpn = Find(mine[0]) });
        foreach (var row in mine)
        {
            actual[row] = Seen[row] = await RunRowAsync(topology, row, first: row == mine[0]);
            output.WriteLine($"{row}: {string.Join(" ", actual[row].Select(f => f is null ? "." : "!"))}");
        }

        var text = expected.Render(mine, actual);
        Directory.CreateDirectory(layout.Captures);
        lock (Seen)
        {
            // Both halves write it, each with every row seen so far (the halves run side by side)
            File.WriteAllText(Path.Combine(layout.Captures, "fault-matrix.txt"), expected.Render(rows.Where(Seen.ContainsKey).ToList(), Seen));
        }

        output.WriteLine(text);

        // Then every cell is as the repository says: the controls pass (or deviate as stated), each fault fails where expected, naming its symptom
        expected.Only(mine).Compare(actual).Should().BeEmpty($"the matrix seen differs from {ExpectedFile}:\n{text}");
    }

    private static async Task<IReadOnlyList<string?>> RunRowAsync(Nat64Topology topology, string row, bool first)
    {
        try
        {
            if (!first)
            {
                await topology.ReplaceVpnAsync(Find(row));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Containers.ContainerNotReadyException or FormatException)
        {
            return MatrixColumn.All.Select(_ => (string?)$"start: {e.Message}").ToList();
        }

        var cells = new List<string?>();
        foreach (var column in MatrixColumn.All)
        {
            cells.Add(await column.RunAsync(topology));
        }

        return cells;
    }

    private static IVpnUnderTest Find(string row) =>
        VpnCatalog.Find(row, TestSettings.Current.Layout.Containers) ?? throw new InvalidOperationException($"{row} is no VPN");
}

/// <summary>The fault matrix's even rows (the reference VPN's control row first), in the first Docker lane.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "perapp")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerSecondLane.Name)]
public sealed class FaultMatrixEvenRowsTests(ITestOutputHelper output) : FaultMatrixTests(output)
{
    /// <inheritdoc />
    protected override int Half => 0;
}

/// <summary>The fault matrix's odd rows (slirp4netns's control row first), in the VPN lane.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "perapp")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
public sealed class FaultMatrixOddRowsTests(ITestOutputHelper output) : FaultMatrixTests(output)
{
    /// <inheritdoc />
    protected override int Half => 1;
}
