using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Replay;
using Nat64Harness.Reporting;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Browser;

/// <summary>
/// report.html as a person sees it, in headless Chromium: built from stored fixtures (no Docker), it draws one
/// arrow per captured packet, marks every failure in red with its field, links each pair, and raises no console
/// error and no request. Each check is also shown failing on a report broken on purpose.
/// </summary>
[Trait("Category", "Unit")]
public sealed class HtmlReportBrowserTests(ChromiumBrowser browser) : IClassFixture<ChromiumBrowser>, IDisposable
{
    // Two that conform, one with a field failed (checksum not updated), one with a reply lost.
    private static readonly string[] Fixtures = ["live-tayga-tcp-echo", "live-jool-icmpv6-echo", "negative-checksum-not-updated", "negative-reply-lost"];

    private readonly string _folder = Directory.CreateTempSubdirectory("nat64h-html-").FullName;

    [Fact]
    public async Task ReportFromFixtures_InChromium_DrawsEveryPacket_MarksFailures_NoConsoleError()
    {
        // Given a report of four replayed fixtures, two of them failing
        var report = Write(Fixtures);

        // When Chromium opens it
        var (problems, views) = await ReportDomCheck.CheckAsync(browser.Context, report, PacketsInPcaps(Fixtures));

        // Then nothing is wrong, and the failing fixtures are the failed sections
        problems.Should().BeEmpty();
        views.Where(v => !v.Passed).Select(v => v.Name).Should().BeEquivalentTo("negative-checksum-not-updated", "negative-reply-lost");
        views.Should().OnlyContain(v => v.Arrows > 0 && v.Omitted == 0);
        views.Single(v => v.Name == "negative-checksum-not-updated").FailureRows.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ReportWithAnArrowRemoved_FailsTheArrowCount()
    {
        // Given a report with one packet's arrow taken out
        var report = Write(Fixtures);
        var lines = File.ReadAllLines(report).ToList();
        lines.RemoveAt(lines.FindIndex(l => l.StartsWith("<g class=\"pkt", StringComparison.Ordinal)));
        File.WriteAllLines(report, lines);

        var (problems, _) = await ReportDomCheck.CheckAsync(browser.Context, report, PacketsInPcaps(Fixtures));

        problems.Should().ContainSingle(p => p.Contains("arrows") && p.Contains("live-tayga-tcp-echo"));
    }

    [Fact]
    public async Task ReportWithFailuresNotMarked_FailsTheFailureCheck()
    {
        // Given a report whose failed arrows were drawn like passing ones
        var report = Write(["negative-checksum-not-updated"]);
        File.WriteAllText(report, File.ReadAllText(report).Replace("<g class=\"pkt fail", "<g class=\"pkt", StringComparison.Ordinal));

        var (problems, _) = await ReportDomCheck.CheckAsync(browser.Context, report, PacketsInPcaps(["negative-checksum-not-updated"]));

        problems.Should().Contain(p => p.Contains("not drawn as failed")).And.Contain(p => p.Contains("arrows drawn as failed"));
    }

    [Fact]
    public async Task ReportWithAScriptError_FailsTheConsoleCheck()
    {
        // Given a report whose script throws
        var report = Write(["live-tayga-tcp-echo"]);
        File.WriteAllText(report, File.ReadAllText(report).Replace("</body>", "<script>nat64hNoSuchFunction();</script></body>", StringComparison.Ordinal));

        var (problems, _) = await ReportDomCheck.CheckAsync(browser.Context, report, PacketsInPcaps(["live-tayga-tcp-echo"]));

        problems.Should().Contain(p => p.Contains("nat64hNoSuchFunction"));
    }

    [Fact]
    public async Task ReportOfALongCapture_IsBounded_AndCountsWhatItDoesNotDraw()
    {
        // Given a report whose exchanges may draw only 5 arrows each
        var document = Document(Fixtures) with { Limits = new LadderLimits(MaxArrows: 5, MaxFailedArrows: 2, MaxFailures: 1) };
        var report = Path.Combine(_folder, "bounded.html");
        HtmlReport.Save(document, report);

        var (problems, views) = await ReportDomCheck.CheckAsync(browser.Context, report, PacketsInPcaps(Fixtures));

        problems.Should().BeEmpty();
        views.Should().OnlyContain(v => v.Arrows <= 7 && v.Arrows + v.Omitted == v.Packets);
        views.Should().Contain(v => v.Omitted > 0);
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string[] fixtures)
    {
        var path = Path.Combine(_folder, $"report-{Guid.NewGuid():N}.html");
        HtmlReport.Save(Document(fixtures), path);
        return path;
    }

    private static ReportDocument Document(string[] fixtures) =>
        ReportDocument.ForReplays("fixtures", fixtures.Select(f => Replayer.ReplayFixture(Folder(f))));

    private static string Folder(string fixture) => Path.Combine(TestSettings.Current.Layout.Fixtures, fixture);

    // Counted straight from the pcaps, independently of the report.
    private static Dictionary<string, long> PacketsInPcaps(string[] fixtures) => fixtures.ToDictionary(f => f, f =>
        new[] { Replayer.BeforeFile, Replayer.AfterFile }.Sum(file =>
        {
            using var reader = PcapReader.Open(Path.Combine(Folder(f), file));
            return reader.ReadPackets().LongCount();
        }));
}
