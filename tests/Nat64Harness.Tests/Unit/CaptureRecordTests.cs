using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The record of when each capture of an exchange was live, written beside its pcaps and read back by `nat64h report`:
/// what a live capture's summary states comes back as the same coverage, and a record the harness did not write is
/// refused with its file and field named.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CaptureRecordTests : IDisposable
{
    private static readonly DateTimeOffset Opened = new(2026, 12, 3, 9, 30, 0, 123, 456, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-record-").FullName;

    [Fact]
    public void SaveThenLoad_EachPointCoverage_AsTheLiveSummaryStatesIt()
    {
        // Given a whole IPv6-side capture and a bounded IPv4-side one that left out a stretch, stamped to the microsecond
        var whole = Summary(12, 12, null, null);
        var bounded = Summary(5000, 600, Opened.AddSeconds(1.25), Opened.AddSeconds(7.5));
        var stem = Path.Combine(_directory, "01-tcp-bulk");

        // When saved and loaded
        CaptureRecord.TrySave(stem, [new(CapturePoint.V6Bridge, stem + "-v6.pcap", 12) { Summary = whole }, new(CapturePoint.V4Bridge, stem + "-v4.pcap", 600) { Summary = bounded }])
            .Should().BeTrue();
        var coverage = CaptureRecord.Load(CaptureRecord.PathFor(stem));

        // Then each point's coverage is what CaptureCoverage.Of makes of its summary, to the tick
        coverage.Should().HaveCount(2);
        coverage[CapturePoint.V6Bridge].Should().Be(CaptureCoverage.Of(whole));
        coverage[CapturePoint.V4Bridge].Should().Be(CaptureCoverage.Of(bounded));
        coverage[CapturePoint.V4Bridge].Omitted.Should().Be((Opened.AddSeconds(1.25), Opened.AddSeconds(7.5)));
        Directory.GetFiles(_directory).Should().Equal(CaptureRecord.PathFor(stem));
    }

    [Fact]
    public void SaveThenLoad_WhatACaptureDroppedItself_ComesBackForTheOracle()
    {
        var stem = Path.Combine(_directory, "04-tcp-bulk");
        var lossy = Summary(179029, 4000, null, null) with { CaptureDrops = 196589, KernelReceived = 375618 };

        CaptureRecord.TrySave(stem, [new(CapturePoint.V6Bridge, stem + "-v6.pcap", 4000) { Summary = lossy }]).Should().BeTrue();

        CaptureRecord.Load(CaptureRecord.PathFor(stem))[CapturePoint.V6Bridge].Dropped.Should().Be(196589);
        File.ReadAllText(CaptureRecord.PathFor(stem)).Should().Contain("\"kernel_received\": 375618");
    }

    [Fact]
    public void Save_AReaderThatWentWrong_IsWritten_AndOnlyThen()
    {
        var stem = Path.Combine(_directory, "03-tcp-bulk");
        var stalled = Summary(11222, 4000, null, null) with { Reader = "its reader stopped with an error at 00:18:46.648 UTC: boom" };

        CaptureRecord.TrySave(stem, [new(CapturePoint.V6Bridge, stem + "-v6.pcap", 12) { Summary = Summary(12, 12, null, null) }, new(CapturePoint.V4Bridge, stem + "-v4.pcap", 4000) { Summary = stalled }])
            .Should().BeTrue();

        var text = File.ReadAllText(CaptureRecord.PathFor(stem));
        text.Should().Contain("\"reader\": \"its reader stopped with an error at 00:18:46.648 UTC: boom\"");
        System.Text.RegularExpressions.Regex.Matches(text, "\"reader\"").Should().HaveCount(1, "a capture whose reader read everything carries no reader field");
    }

    [Fact]
    public void Save_CaptureWithoutSummary_IsLeftOutOfTheRecord()
    {
        var stem = Path.Combine(_directory, "02-udp-echo");

        CaptureRecord.TrySave(stem, [new(CapturePoint.V6Bridge, stem + "-v6.pcap", 3) { Summary = Summary(3, 3, null, null) }, new(CapturePoint.Tun, stem + "-tun.pcap", 3)]).Should().BeTrue();

        CaptureRecord.Load(CaptureRecord.PathFor(stem)).Keys.Should().Equal(CapturePoint.V6Bridge);
    }

    [Fact]
    public void Save_FolderGone_ReturnsFalseAndLeavesNothing()
    {
        var stem = Path.Combine(_directory, "gone", "01-tcp-echo");

        CaptureRecord.TrySave(stem, [new(CapturePoint.V6Bridge, stem + "-v6.pcap", 3) { Summary = Summary(3, 3, null, null) }]).Should().BeFalse();

        Directory.EnumerateFileSystemEntries(_directory).Should().BeEmpty();
    }

    [Theory]
    [InlineData("not json", "*01-x.captures.json: not a capture record*")]
    [InlineData("{}", "*01-x.captures.json: not a capture record: no \"captures\" list*")]
    [InlineData("""{"captures": [{"packets": 3, "written": 3}]}""", "*01-x.captures.json: captures[0].point is missing*")]
    [InlineData("""{"captures": [{"point": "v6", "packets": 3, "written": 5}]}""", "*captures[0].written is 5 of 3 packets*")]
    [InlineData("""{"captures": [{"point": "v6", "packets": -1, "written": -1}]}""", "*captures[0].written is -1 of -1 packets*")]
    [InlineData("""{"captures": [{"point": "v6", "opened": "2026-12-03T09:30:01Z", "closed": "2026-12-03T09:30:00Z"}]}""", "*captures[0].closed (2026-12-03T09:30:00.0000000+00:00) is before opened*")]
    [InlineData("""{"captures": [{"point": "v4", "packets": 9, "written": 4, "head_end": "2026-12-03T09:30:01Z", "tail_start": "2026-12-03T09:30:00Z"}]}""", "*captures[0].tail_start*is before head_end*")]
    [InlineData("""{"captures": [{"point": "v6"}, {"point": "v6"}]}""", "*captures[1].point: 'v6' is recorded twice*")]
    [InlineData("""{"captures": [{"point": "v6", "opened": "yesterday"}]}""", "*01-x.captures.json: not a capture record*")]
    public void Load_NotARecordTheHarnessWrites_NamesTheFileAndField(string text, string message)
    {
        var path = CaptureRecord.PathFor(Path.Combine(_directory, "01-x"));
        File.WriteAllText(path, text);

        FluentActions.Invoking(() => CaptureRecord.Load(path)).Should().Throw<FormatException>().WithMessage(message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CaptureSummary Summary(long packets, long written, DateTimeOffset? headEnd, DateTimeOffset? tailStart) =>
        new(packets, written, headEnd, tailStart, 0, DirectionSummary.Empty, DirectionSummary.Empty, [])
        {
            Opened = Opened,
            Closed = Opened.AddSeconds(9),
        };
}
