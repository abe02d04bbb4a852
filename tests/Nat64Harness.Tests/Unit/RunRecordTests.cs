using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Cli;
using Nat64Harness.Model;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// A run folder's <c>run.json</c>: the router and prefix its pcaps were translated with, so `nat64h report` judges a kept
/// folder as it ran. Found on the suite's own kept folders: every prefix-matrix cell came out "0 passed, 3 failed",
/// judged with the well-known prefix it never used. Judged here on a real cell's pcaps (TestData/prefix64-tayga:
/// Tayga translating 2001:db8:164::/64).
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunRecordTests : IDisposable
{
    private static readonly Nat64Prefix CellPrefix = Nat64Prefix.Parse("2001:db8:164::/64");

    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-runrecord-").FullName;

    [Fact]
    public async Task Report_RealPrefix64CellWithItsRunRecord_Conforms()
    {
        // Given the cell's kept pcaps and the record its run wrote
        var folder = CellFolder();
        RunRecord.TrySave(folder, RouterProfile.Tayga, CellPrefix, 64).Should().BeTrue();

        // When judged without flags
        var exit = await CliApp.RunAsync(["report", folder]);

        // Then with the cell's prefix: every pair conforms
        exit.Should().Be(0);
        (await File.ReadAllTextAsync(Path.Combine(folder, "report.html"))).Should().Contain("2001:db8:164::/64").And.Contain("run.json, unless a flag said otherwise");
    }

    [Fact]
    public async Task Report_SameCellWithoutTheRecord_IsJudgedWithTheWellKnownPrefixAndFails()
    {
        var folder = CellFolder();

        var exit = await CliApp.RunAsync(["report", folder]);

        exit.Should().Be(1, "nothing in the pcaps says which prefix they were translated with");
        (await File.ReadAllTextAsync(Path.Combine(folder, "report.html"))).Should().Contain("no run.json: from the flags, the folder&#39;s name and the defaults");
    }

    [Fact]
    public async Task Report_FlagOverTheRecord_Wins()
    {
        var folder = CellFolder();
        RunRecord.TrySave(folder, RouterProfile.Tayga, CellPrefix, 64).Should().BeTrue();

        (await CliApp.RunAsync(["report", folder, "--prefix", "64:ff9b::/96"])).Should().Be(1);
    }

    [Fact]
    public void SaveThenLoad_GivesBackWhatWasSaved()
    {
        RunRecord.TrySave(_directory, RouterProfile.Jool, CellPrefix, 7).Should().BeTrue();

        var loaded = RunRecord.Load(_directory);

        loaded.Should().NotBeNull();
        (loaded!.Value.Router.Name, loaded.Value.Prefix, loaded.Value.Block).Should().Be((RouterProfile.Jool.Name, CellPrefix, 7));
        RunRecord.Load(Path.Combine(_directory, "elsewhere")).Should().BeNull();
    }

    [Theory]
    [InlineData("not json", "run.json: not a run record")]
    [InlineData("""{"prefix": "64:ff9b::/96", "block": 1}""", "run.json: router is missing")]
    [InlineData("""{"router": "bird", "prefix": "64:ff9b::/96", "block": 1}""", "run.json: router: unknown router profile 'bird'")]
    [InlineData("""{"router": "tayga", "prefix": "2001:db8::/33", "block": 1}""", "run.json: prefix: ")]
    [InlineData("""{"router": "tayga", "block": 1}""", "run.json: prefix is missing")]
    [InlineData("""{"router": "tayga", "prefix": "64:ff9b::/96", "block": 300}""", "run.json: block is 300: expected 0..255")]
    [InlineData("""{"router": "tayga", "prefix": "64:ff9b::/96"}""", "run.json: block is missing")]
    public void Load_NotWhatTheHarnessWrites_NamesTheFileAndField(string text, string message)
    {
        File.WriteAllText(Path.Combine(_directory, RunRecord.FileName), text);

        var load = () => RunRecord.Load(_directory);

        load.Should().Throw<FormatException>().WithMessage($"*{message}*");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CellFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "cell")).FullName;
        foreach (var side in new[] { "v6", "v4" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "prefix64-tayga", $"02-udp-echo-by-name-{side}.pcap"), Path.Combine(folder, $"02-udp-echo-by-name-{side}.pcap"));
        }

        return folder;
    }
}
