using FluentAssertions;
using Nat64Harness.Tests.FaultMatrix;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Nat64Harness.Vpn;
using Xunit;
using Xunit.Abstractions;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// Proves the suite catches real per-app VPN bugs, cell by cell. One topology; its VPN is replaced row by row:
/// first every clean per-app VPN of containers/ (the control rows: the reference VPN and slirp4netns), then each
/// fault every per-app VPN declares. Every row runs every column (<see cref="MatrixColumn.All"/>), and the matrix
/// seen must equal the one stored in the repository (Conformance/fault-matrix.expected.txt), where a cell is caught
/// only when the failure names the fault's symptom. The matrix seen lands in captures/fault-matrix.txt.
/// </summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "perapp")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerCollection.Name)]
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    /// <summary>The expected matrix, relative to the repository root.</summary>
    public const string ExpectedFile = "tests/Nat64Harness.Tests/Conformance/fault-matrix.expected.txt";

    [SkippableFact]
    public async Task EveryRow_MatchesTheExpectedMatrix_CellByCell()
    {
        DockerRequirement.Check();
        var layout = TestSettings.Current.Layout;
        var expected = ExpectedMatrix.Parse(await File.ReadAllTextAsync(Path.Combine(layout.Root, ExpectedFile)), ExpectedFile);
        expected.Columns.Should().Equal(MatrixColumn.All.Select(c => c.Name), "the expected matrix's columns are the columns run");

        // Given the rows: every clean per-app VPN, then every fault a per-app VPN declares
        var perApp = VpnCatalog.List(layout.Containers).Where(d => d.Kind != VpnKind.Tunnel).ToList();
        var rows = perApp.Select(d => d.Folder).Concat(perApp.SelectMany(d => d.Faults.Select(f => $"{d.Folder}:{f}"))).ToList();

        // When each runs every column on one topology, its VPN replaced between rows
        var actual = new Dictionary<string, IReadOnlyList<string?>>();
        await using var topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("faults", TextWriter.Null) with { Vpn = Find(rows[0]) });
        foreach (var row in rows)
        {
            actual[row] = await RunRowAsync(topology, row, first: row == rows[0]);
            output.WriteLine($"{row}: {string.Join(" ", actual[row].Select(f => f is null ? "." : "!"))}");
        }

        var text = expected.Render(rows, actual);
        Directory.CreateDirectory(layout.Captures);
        await File.WriteAllTextAsync(Path.Combine(layout.Captures, "fault-matrix.txt"), text);
        output.WriteLine(text);

        // Then every cell is as the repository says: the controls pass (or deviate as stated), each fault fails where expected, naming its symptom
        expected.Compare(actual).Should().BeEmpty($"the matrix seen differs from {ExpectedFile}:\n{text}");
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
