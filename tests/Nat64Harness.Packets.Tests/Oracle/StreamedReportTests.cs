using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Nat64Harness.Replay;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>The streamed report (<see cref="PairingReport.Stream"/>) says what the collected one says, on every fixture.</summary>
public sealed class StreamedReportTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(RepositoryPaths.Fixtures).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(folder, Replayer.BeforeFile)) && File.Exists(Path.Combine(folder, Replayer.AfterFile)))
            {
                data.Add(Path.GetFileName(folder));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Stream_AllRowsAsText_EqualsCollectedText(string fixture)
    {
        // Given / When
        var collected = Collect(fixture).ToText();
        var text = new StringWriter { NewLine = Environment.NewLine };
        var streamed = Stream(fixture, ReportRows.All, new TextReportWriter(text));

        // Then
        text.ToString().Should().Be(collected);
        streamed.Rows.Should().BeEmpty("a streamed report keeps no rows");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Stream_AllRowsAsJsonLines_EqualsCollectedJson(string fixture)
    {
        // Given
        var collected = JsonNode.Parse(Collect(fixture).ToJson())!.AsObject();
        var rows = collected["rows"]!.AsArray();

        // When
        var (lines, summary) = JsonLines(fixture, ReportRows.All);

        // Then: the same rows in the same order, numbered from 1, and the same counts
        lines.Select(l => (long)l["row"]!).Should().Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i));
        lines.Select(Bare).Should().Equal(rows.Select(r => r!.ToJsonString()));
        summary["counts"]!.ToJsonString().Should().Be(collected["counts"]!.ToJsonString());
        ((bool)summary["conforms"]!).Should().Be((bool)collected["conforms"]!);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Stream_FailuresOnly_ShowsExactlyTheCollectedFailingRowsUnderTheirNumbers(string fixture)
    {
        // Given
        var rows = JsonNode.Parse(Collect(fixture).ToJson())!["rows"]!.AsArray();
        var failing = rows.Where(r => !(bool)r!["passed"]!).Select(r => r!.ToJsonString()).ToList();

        // When
        var (lines, summary) = JsonLines(fixture, ReportRows.Failures);

        // Then
        lines.Select(Bare).Should().Equal(failing);
        lines.Select(l => rows[(int)(long)l["row"]! - 1]!.ToJsonString()).Should().Equal(failing, "each row keeps its number among all rows");
        ((long)summary["counts"]!["rowsOmitted"]!).Should().Be(rows.Count - failing.Count);
    }

    [Fact]
    public void Stream_FailuresOnly_OnANegativeFixture_ShowsItsFailure()
    {
        // Given: a fixture whose translator did not decrement the TTL (the failures-only comparison above is not vacuous)
        var (lines, summary) = JsonLines("negative-ttl-not-decremented", ReportRows.Failures);

        // Then
        lines.Should().NotBeEmpty();
        lines.Should().OnlyContain(l => !(bool)l["passed"]!);
        ((bool)summary["conforms"]!).Should().BeFalse();
        summary.ToJsonString().Should().Contain("\"record\":\"summary\"");
    }

    private static PairingReport Collect(string fixture) => Replayer.ReplayFixture(Path.Combine(RepositoryPaths.Fixtures, fixture)).Report;

    private static PairingReport Stream(string fixture, ReportRows rows, IPairingReportWriter writer)
    {
        var folder = Path.Combine(RepositoryPaths.Fixtures, fixture);
        var before = Path.Combine(folder, Replayer.BeforeFile);
        var after = Path.Combine(folder, Replayer.AfterFile);
        var scenarioPath = Path.Combine(folder, ScenarioFile.FileName);
        var scenario = File.Exists(scenarioPath) ? ScenarioFile.Load(scenarioPath) : new ScenarioFile();
        using var v6 = PcapReader.Open(before);
        using var v4 = PcapReader.Open(after);
        var pairer = new Pairer(scenario.ToContext(), TimeSpan.FromMilliseconds(scenario.WindowMilliseconds));
        return PairingReport.Stream(pairer.Pair(v6.ReadPackets(), v4.ReadPackets()), before, after, rows, writer);
    }

    private static (List<JsonObject> Rows, JsonObject Summary) JsonLines(string fixture, ReportRows rows)
    {
        var output = new MemoryStream();
        using (var writer = new JsonLinesReportWriter(output))
        {
            Stream(fixture, rows, writer);
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        lines.Should().NotBeEmpty();
        ((string)lines[^1]["record"]!).Should().Be("summary", "the last line is the summary");
        lines.GetRange(0, lines.Count - 1).Where(l => (string)l["record"]! != "row").Should().BeEmpty("every line before the summary is a row");
        return (lines.GetRange(0, lines.Count - 1), lines[^1]);
    }

    // A streamed row without its stream-only properties, as the collected report writes it.
    private static string Bare(JsonObject line)
    {
        var copy = line.DeepClone().AsObject();
        copy.Remove("record");
        copy.Remove("row");
        return copy.ToJsonString();
    }
}
