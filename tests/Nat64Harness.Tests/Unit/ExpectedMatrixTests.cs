using FluentAssertions;
using Nat64Harness.Tests.Conformance;
using Nat64Harness.Tests.FaultMatrix;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The expected fault matrix: the repository's file parses; every kind of difference from a run is named.</summary>
[Trait("Category", "Unit")]
public sealed class ExpectedMatrixTests
{
    private const string Text = """
        # comment
        vpn                      tcp-echo tun-audit
        perapp-vpn               .        .
        slirp4netns              K        .          known: timeout
        perapp-vpn:bad-checksum  x        X          symptom: checksum
        """;

    private static readonly ExpectedMatrix Matrix = ExpectedMatrix.Parse(Text, "m.txt");

    private static Dictionary<string, IReadOnlyList<string?>> Seen(string? slirpEcho = "probe: seq 1: timeout", string? faultAudit = "device: TCP checksum invalid over the IPv6 pseudo-header") => new()
    {
        ["perapp-vpn"] = [null, null],
        ["slirp4netns"] = [slirpEcho, null],
        ["perapp-vpn:bad-checksum"] = ["probe: timed out", faultAudit],
    };

    [Fact]
    public void RepositoryFile_Parses_WithTheColumnsTheTestRuns()
    {
        var matrix = Repository();

        matrix.Columns.Should().Equal(MatrixColumn.All.Select(c => c.Name));
        matrix.Rows.Take(2).Select(r => r.Vpn).Should().Equal("perapp-vpn", "slirp4netns");
        matrix.Rows.Single(r => r.Vpn == "perapp-vpn").Cells.Should().OnlyContain(c => c == MatrixCell.Passed, "the clean reference VPN is the control row: it passes every column");
    }

    [Fact]
    public void RepositoryFile_HasARowForEveryPerAppVpnAndFault_AndNoOther()
    {
        // Given the per-app VPNs the containers folder declares: the rows the live test runs
        var layout = TestSettings.Current.Layout;
        var perApp = VpnCatalog.List(layout.Containers).Where(d => d.Kind != VpnKind.Tunnel).ToList();
        var declared = perApp.Select(d => d.Folder).Concat(perApp.SelectMany(d => d.Faults.Select(f => $"{d.Folder}:{f}")));

        // Then the expected matrix has exactly those rows: a fault added or removed without its row is named here, without Docker
        Repository().Rows.Select(r => r.Vpn).Should().BeEquivalentTo(declared);
    }

    [Fact]
    public void RepositoryFile_EveryColumnCanFlip_AndEveryFaultIsCaughtSomewhere()
    {
        var matrix = Repository();
        for (var c = 0; c < matrix.Columns.Count; c++)
        {
            // A column no control passes could never show a fault; one no fault fails proves nothing
            matrix.Rows.Where(r => !r.IsFault).Should().Contain(r => r.Cells[c] == MatrixCell.Passed, $"column {matrix.Columns[c]} needs a control row that passes it");
            matrix.Rows.Where(r => r.IsFault).Should().Contain(r => r.Cells[c] == MatrixCell.Caught, $"column {matrix.Columns[c]} needs a fault it catches (its negative)");
        }

        matrix.Rows.Where(r => r.IsFault).Should().OnlyContain(r => r.Cells.Contains(MatrixCell.Caught), "a fault no column catches naming its symptom is undetected");
    }

    [Fact]
    public void Compare_RunAsExpected_HasNoDifference() => Matrix.Compare(Seen()).Should().BeEmpty();

    [Fact]
    public void Compare_FailureNotNamingTheSymptom_IsNotCaught()
    {
        // The audit column fails, but says nothing of the checksum: detected (x), not caught (X)
        var differences = Matrix.Compare(Seen(faultAudit: "probe: timed out"));

        differences.Should().ContainSingle().Which.Should().Be("perapp-vpn:bad-checksum / tun-audit: expected X, seen x: probe: timed out");
    }

    [Fact]
    public void Compare_KnownDeviationGone_OrControlFailing_IsNamed()
    {
        Matrix.Compare(Seen(slirpEcho: null)).Should().ContainSingle().Which.Should().StartWith("slirp4netns / tcp-echo: expected K, seen .");
        var failingControl = Seen();
        failingControl["perapp-vpn"] = [null, "device: hop limit 0"];
        Matrix.Compare(failingControl).Should().ContainSingle().Which.Should().StartWith("perapp-vpn / tun-audit: expected ., seen x");
    }

    [Fact]
    public void Compare_RowMissingOnEitherSide_IsNamed()
    {
        var seen = Seen();
        seen.Remove("slirp4netns");
        seen["perapp-vpn:odd-checksum"] = [null, null];

        Matrix.Compare(seen).Should().BeEquivalentTo(
            "slirp4netns: expected (line 4) but not run: is it still declared?",
            "perapp-vpn:odd-checksum: run, but the expected matrix has no row for it: add one");
    }

    private static ExpectedMatrix Repository()
    {
        var path = Path.Combine(TestSettings.Current.Layout.Root, FaultMatrixTests.ExpectedFile);
        return ExpectedMatrix.Parse(File.ReadAllText(path), path);
    }

    [Theory]
    [InlineData("perapp-vpn . .\n", "the first row must be the header")]
    [InlineData("vpn a b\nperapp-vpn .\n", "has 1 cells for 2 columns")]
    [InlineData("vpn a\nperapp-vpn ?\n", "cell '?' of perapp-vpn")]
    [InlineData("vpn a\nperapp-vpn:f X\n", "has X or K cells but no pattern")]
    [InlineData("vpn a\nperapp-vpn X symptom: x\n", "X belongs to a fault's row")]
    [InlineData("vpn a\nperapp-vpn:f K known: x\n", "K to a clean VPN's")]
    [InlineData("vpn a\nperapp-vpn:f X symptom: (\n", "bad pattern")]
    [InlineData("vpn a\nv .\nv .\n", "row v appears twice")]
    public void Parse_BadFile_NamesLineAndProblem(string text, string message) =>
        FluentActions.Invoking(() => ExpectedMatrix.Parse(text, "m.txt")).Should().Throw<FormatException>().Which.Message.Should().StartWith("m.txt").And.Contain(message);

    [Fact]
    public void Render_IsTheFilesFormat_WithEveryFailure()
    {
        var text = Matrix.Render(["perapp-vpn", "slirp4netns", "perapp-vpn:bad-checksum"], Seen());

        text.Should().Contain("slirp4netns              K         .          known: timeout")
            .And.Contain("1 of 1 faults caught naming their symptom")
            .And.Contain("  perapp-vpn:bad-checksum / tun-audit: device: TCP checksum invalid");
        ExpectedMatrix.Parse(string.Join('\n', text.Split('\n').TakeWhile(l => !l.Contains(" faults caught", StringComparison.Ordinal))), "rendered").Compare(Seen())
            .Should().BeEmpty("what a run renders can be pasted back as the expected matrix");
    }
}
