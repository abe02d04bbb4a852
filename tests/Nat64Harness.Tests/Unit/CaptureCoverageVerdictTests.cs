using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Cli;
using Nat64Harness.Model;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The verdict when the two captures did not run over the same time: the IPv6 and IPv4 bridges' captures start one
/// after the other, and a flow running beside the exchange (a per-app fixture's idle UDP flow) can cross in between.
/// Found by two suites at once on two cores: the idle flow's reply was translated 0.5 s before the IPv4 capture
/// started, so the IPv6 capture held a translation whose original no capture could have held, and the exchange was
/// failed as "1 unexplained". A packet one capture took while the other was not running is excused and counted; the
/// same packet while both ran is not. Built on a real capture through Tayga (fixtures/live-tayga-tcp-echo), with a
/// stray packet of another flow added.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CaptureCoverageVerdictTests : IDisposable
{
    private static readonly TranslatorSetup Tayga = new(RouterProfile.Tayga, Nat64Prefix.WellKnown, null);
    private static readonly TimeSpan Half = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Tenth = TimeSpan.FromMilliseconds(100);

    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-coverage-").FullName;

    [Fact]
    public void Verify_TranslationTakenBeforeTheOtherCaptureStarted_IsExcusedAndCounted()
    {
        // Given a translated reply of another flow on the IPv6 side 0.5 s before the exchange, and the IPv4 capture
        // started after it (0.1 s before the exchange's first packet)
        var (v6, v4, first, _, stray) = WithStray(onV6: true, early: true);

        // When verified with the IPv4 capture's start
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga, null, new CaptureCoverage(first - Tenth, null, null));

        // Then the exchange's ten pairs conform, and the stray is excused as taken while the other side was not running
        verdict.Conforms.Should().BeTrue(verdict.ToString());
        verdict.Report.Paired.Should().Be(10);
        verdict.OutsideOtherCapture.Should().Be(1);
        verdict.ToString().Should().Contain("1 packets without a partner excused: taken while the other side's capture was not running");
        stray.Should().BeBefore(first - Tenth);
    }

    [Fact]
    public void Verify_SameTranslationWhileTheOtherCaptureRan_IsUnexplained()
    {
        // Given the same stray, but the IPv4 capture already running when it crossed
        var (v6, v4, _, _, stray) = WithStray(onV6: true, early: true);

        // When verified with that start
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga, null, new CaptureCoverage(stray - Tenth, null, null));

        // Then its original should have been captured: it is unexplained, and the exchange does not conform
        verdict.Conforms.Should().BeFalse();
        verdict.Report.Unexplained.Should().Be(1, verdict.ToString());
        verdict.OutsideOtherCapture.Should().Be(0);
    }

    [Fact]
    public void Verify_OriginalTakenAfterTheOtherCaptureStopped_IsExcusedAndCounted()
    {
        // Given an IPv4 packet headed into the translator 0.5 s after the exchange, and the IPv6 capture stopped before it
        var (v6, v4, _, last, stray) = WithStray(onV6: false, early: false);

        // When verified with the IPv6 capture's stop
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga, new CaptureCoverage(null, last + Tenth, null), null);

        // Then its translation could not be in that capture: excused, and the exchange conforms
        verdict.Conforms.Should().BeTrue(verdict.ToString());
        verdict.OutsideOtherCapture.Should().Be(1);
        stray.Should().BeAfter(last + Tenth);
    }

    [Fact]
    public void Verify_SameOriginalWhileTheOtherCaptureRan_IsNotExcused()
    {
        // Given the same packet, with the IPv6 capture stopped only after it
        var (v6, v4, _, _, stray) = WithStray(onV6: false, early: false);

        // When verified
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga, new CaptureCoverage(null, stray + Tenth, null), null);

        // Then its translation is missing from a capture that was running: it counts against the exchange
        verdict.Conforms.Should().BeFalse();
        (verdict.Report.Lost + verdict.Report.Unexplained).Should().Be(1, verdict.ToString());
        verdict.OutsideOtherCapture.Should().Be(0);
    }

    [Fact]
    public void Verify_PacketOfTheExchangeMissingWhileBothRan_IsNotExcusedByTheCoverage()
    {
        // Given both captures running over the whole exchange, and its IPv4 packet #4 missing
        var folder = Path.Combine(TestSettings.Current.Layout.Fixtures, "live-tayga-tcp-echo");
        var v6 = Copy(Path.Combine(folder, "before.pcap"), "v6.pcap", _ => true);
        var v4 = Copy(Path.Combine(folder, "after.pcap"), "v4.pcap", p => p.Index != 4);
        var (first, last) = Span(Path.Combine(folder, "after.pcap"));
        var whole = new CaptureCoverage(first - Tenth, last + Tenth, null);

        // When verified with both coverages
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga, whole, whole);

        // Then the missing packet's partner is not excused
        verdict.Conforms.Should().BeFalse();
        verdict.OutsideOtherCapture.Should().Be(0);
        (verdict.Report.Lost + verdict.Report.Unexplained).Should().Be(1, verdict.ToString());
    }

    [Theory]
    [InlineData(3, 0, 3, 0, true)]  // the IPv4 capture dropped three: all three lone IPv6 packets may be theirs
    [InlineData(1, 0, 1, 2, false)] // it dropped one: one lone packet is not judged, the other two count
    [InlineData(0, 3, 0, 3, false)] // the IPv6 capture dropped three: no excuse for partners missing on the IPv4 side
    public void Verify_PartnersMissingWhereACaptureDroppedPackets_NotJudgedUpToWhatItDropped(long v4Dropped, long v6Dropped, long notJudged, long counted, bool conforms)
    {
        // Given a real TCP echo through Tayga whose IPv4 capture lacks three translated packets, both captures running throughout
        var folder = Path.Combine(TestSettings.Current.Layout.Fixtures, "live-tayga-tcp-echo");
        var v6 = Copy(Path.Combine(folder, "before.pcap"), "v6.pcap", _ => true);
        var v4 = Copy(Path.Combine(folder, "after.pcap"), "v4.pcap", p => p.Index is not (2 or 4 or 6));
        var (first, last) = Span(Path.Combine(folder, "after.pcap"));

        // When verified with what each capture said it dropped itself
        var verdict = ExchangeVerifier.Verify(v6, v4, Tayga,
            new CaptureCoverage(first - Tenth, last + Tenth, null) { Dropped = v6Dropped },
            new CaptureCoverage(first - Tenth, last + Tenth, null) { Dropped = v4Dropped });

        // Then lone packets are set aside only against the other side's own loss, never more than it lost
        verdict.CaptureLoss.Should().Be(notJudged, verdict.ToString());
        (verdict.Report.Lost + verdict.Report.Unexplained).Should().Be(counted, verdict.ToString());
        verdict.Conforms.Should().Be(conforms);
        if (notJudged > 0)
        {
            verdict.ToString().Should().Contain($"{notJudged} packets without a partner not judged: the other side's capture dropped packets of its own");
        }
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(0, false)]
    public void RunTable_PassWithPacketsNotJudged_SaysUnderTheRowThatTheEvidenceIsIncomplete(long v4Dropped, bool said)
    {
        // Given the echo short of three translated packets, and an IPv4 capture that dropped three (or none) itself
        var folder = Path.Combine(TestSettings.Current.Layout.Fixtures, "live-tayga-tcp-echo");
        var v6 = Copy(Path.Combine(folder, "before.pcap"), "v6.pcap", _ => true);
        var v4 = Copy(Path.Combine(folder, "after.pcap"), "v4.pcap", p => p.Index is not (2 or 4 or 6));
        var exchange = new Exchange(ExchangeKind.Tcp, System.Net.IPAddress.IPv6Loopback);
        var summary = new CaptureSummary(7, 7, null, null, v4Dropped, DirectionSummary.Empty, DirectionSummary.Empty, []);
        var run = new ExchangeRun("tcp-echo", exchange, new ProbeResult { Exchange = exchange, Ok = true },
            [new(CapturePoint.V6Bridge, v6, 10), new(CapturePoint.V4Bridge, v4, 7) { Summary = summary }]);

        // When judged and printed as `nat64h run` prints its rows
        var line = Nat64Harness.Reporting.RunReport.Line(new Nat64Harness.Reporting.RunRow(run, ExchangeVerifier.Verify(run, Tayga)));

        // Then a pass on what was judged says what was not, and whose loss it was; without the loss it is a failure
        line.Contains("evidence incomplete: 3 packets without a partner not judged (a capture dropped packets of its own: v4 3)").Should().Be(said, line);
        line.Contains("conform 7/7 pairs").Should().Be(said, line);
    }

    [Fact]
    public void Of_LiveSummary_CarriesWhatTheCaptureDroppedItself() =>
        CaptureCoverage.Of(new CaptureSummary(10, 10, null, null, 196589, DirectionSummary.Empty, DirectionSummary.Empty, []))!.Dropped.Should().Be(196589);

    [Fact]
    public void Of_LiveSummary_CarriesItsRunAndItsOmittedStretch()
    {
        var opened = DateTimeOffset.UnixEpoch.AddSeconds(10);
        var summary = new CaptureSummary(10, 6, opened.AddSeconds(1), opened.AddSeconds(2), 0, DirectionSummary.Empty, DirectionSummary.Empty, [])
        {
            Opened = opened,
            Closed = opened.AddSeconds(3),
        };

        var coverage = CaptureCoverage.Of(summary)!;

        coverage.Opened.Should().Be(opened);
        coverage.Closed.Should().Be(opened.AddSeconds(3));
        coverage.Omitted.Should().Be((opened.AddSeconds(1), opened.AddSeconds(2)));
        CaptureCoverage.Of(summary with { Written = 10 })!.Omitted.Should().BeNull("nothing was left out");
        CaptureCoverage.Of(null).Should().BeNull();
    }

    [Fact]
    public async Task Report_KeptFolderWithItsCaptureRecord_ReachesTheLiveVerdict()
    {
        // Given a kept run folder: the stray case's pcaps and the record the run wrote beside them (the IPv4 capture
        // opened after the stray crossed)
        var (v6, v4, first, last, _) = WithStray(onV6: true, early: true);
        var folder = KeptFolder(v6, v4, v6Opened: first - Half - Half, v4Opened: first - Tenth, closed: last + Tenth);

        // When `nat64h report` judges the folder
        var exit = await CliApp.RunAsync(["report", folder]);

        // Then it reaches the live verdict: the exchange conforms, the stray excused and said so, with the record named
        exit.Should().Be(0);
        var page = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        page.Should().Contain("1 excused (taken while the other side&#39;s capture was not running)")
            .And.Contain("when each capture ran: 01-tcp-echo.captures.json");
    }

    [Fact]
    public async Task Report_SameFolderWithoutTheRecord_JudgesEachCaptureAsWhole()
    {
        // Given the same folder with the record removed (pcaps from elsewhere, an older run)
        var (v6, v4, first, last, _) = WithStray(onV6: true, early: true);
        var folder = KeptFolder(v6, v4, v6Opened: first - Half - Half, v4Opened: first - Tenth, closed: last + Tenth);
        File.Delete(CaptureRecord.PathFor(Path.Combine(folder, "01-tcp-echo")));

        // When judged
        var exit = await CliApp.RunAsync(["report", folder]);

        // Then nothing is excused: the stray's original should be in the IPv4 capture, and the page says why it judged so
        exit.Should().Be(1);
        (await File.ReadAllTextAsync(Path.Combine(folder, "report.html"))).Should().Contain("1 unexplained")
            .And.Contain("no 01-tcp-echo.captures.json beside the pcaps: each capture judged as whole and running throughout");
    }

    [Fact]
    public async Task Report_RecordSaysTheOtherCaptureRan_StrayCountsAgainstTheExchange()
    {
        // Given a record whose IPv4 capture opened before the stray crossed
        var (v6, v4, first, last, stray) = WithStray(onV6: true, early: true);
        var folder = KeptFolder(v6, v4, v6Opened: stray - Tenth, v4Opened: stray - Tenth, closed: last + Tenth);

        // When judged, then the record excuses nothing it should not
        (await CliApp.RunAsync(["report", folder])).Should().Be(1);
        first.Should().BeAfter(stray);
    }

    [Fact]
    public async Task Report_RecordNotOneTheHarnessWrites_ExitsTwoNamingTheFile()
    {
        var (v6, v4, first, last, _) = WithStray(onV6: true, early: true);
        var folder = KeptFolder(v6, v4, v6Opened: first - Half - Half, v4Opened: first - Tenth, closed: last + Tenth);
        await File.WriteAllTextAsync(CaptureRecord.PathFor(Path.Combine(folder, "01-tcp-echo")), "{\"captures\": [{\"point\": \"v6\", \"packets\": 3, \"written\": 5}]}");
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await CliApp.RunAsync(["report", folder]);
        }
        finally
        {
            Console.SetError(saved);
        }

        exit.Should().Be(2);
        error.ToString().Should().Contain("01-tcp-echo.captures.json: captures[0].written is 5 of 3 packets");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A run folder as a test keeps it: NN-<exchange>-<point>.pcap and the record the exchange runner writes beside them.
    private string KeptFolder(string v6, string v4, DateTimeOffset v6Opened, DateTimeOffset v4Opened, DateTimeOffset closed)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "run")).FullName;
        var v6Pcap = Path.Combine(folder, "01-tcp-echo-v6.pcap");
        var v4Pcap = Path.Combine(folder, "01-tcp-echo-v4.pcap");
        File.Move(v6, v6Pcap);
        File.Move(v4, v4Pcap);
        CaptureFile File_(CapturePoint point, string path, DateTimeOffset opened) => new(point, path, 11)
        {
            Summary = new CaptureSummary(11, 11, null, null, 0, DirectionSummary.Empty, DirectionSummary.Empty, []) { Opened = opened, Closed = closed },
        };
        CaptureRecord.TrySave(Path.Combine(folder, "01-tcp-echo"), [File_(CapturePoint.V6Bridge, v6Pcap, v6Opened), File_(CapturePoint.V4Bridge, v4Pcap, v4Opened)]).Should().BeTrue();
        return folder;
    }

    // The fixture's pcaps with one packet of another flow added: a copy of a packet of the chosen side with its ports
    // swapped (a different flow; the one's complement sum, so the checksum, unchanged), 0.5 s before the first or after
    // the last packet. On the IPv6 side the copy is of the echo server's SYN-ACK as Tayga translated it (#1); on the
    // IPv4 side of the echo server's FIN before translation (#8).
    private (string V6, string V4, DateTimeOffset First, DateTimeOffset Last, DateTimeOffset Stray) WithStray(bool onV6, bool early)
    {
        var folder = Path.Combine(TestSettings.Current.Layout.Fixtures, "live-tayga-tcp-echo");
        var (first, last) = Span(Path.Combine(folder, "after.pcap"));
        var stray = early ? first - Half : last + Half;
        var source = Path.Combine(folder, onV6 ? "before.pcap" : "after.pcap");
        byte[] copy;
        using (var reader = PcapReader.Open(source))
        {
            copy = reader.ReadPackets().First(p => p.Index == (onV6 ? 1 : 8)).Ip.ToArray();
        }

        var transport = onV6 ? 40 : (copy[0] & 0xf) * 4;
        (copy[transport], copy[transport + 1], copy[transport + 2], copy[transport + 3]) = (copy[transport + 2], copy[transport + 3], copy[transport], copy[transport + 1]);
        var v6 = Copy(Path.Combine(folder, "before.pcap"), "v6.pcap", _ => true, onV6 ? (stray, copy) : null);
        var v4 = Copy(Path.Combine(folder, "after.pcap"), "v4.pcap", _ => true, onV6 ? null : (stray, copy));
        return (v6, v4, first, last, stray);
    }

    private static (DateTimeOffset First, DateTimeOffset Last) Span(string pcap)
    {
        using var reader = PcapReader.Open(pcap);
        var stamps = reader.ReadPackets().Select(p => p.Timestamp).ToList();
        return (stamps[0], stamps[^1]);
    }

    private string Copy(string from, string name, Func<CapturedPacket, bool> keep, (DateTimeOffset At, byte[] Ip)? extra = null)
    {
        var to = Path.Combine(_directory, name);
        using var r = PcapReader.Open(from);
        using var w = PcapWriter.Create(to);
        var pending = extra;
        foreach (var p in r.ReadPackets())
        {
            if (pending is { } e && e.At < p.Timestamp)
            {
                w.WriteIp(e.At, e.Ip);
                pending = null;
            }

            if (keep(p))
            {
                w.WriteIp(p.Timestamp, p.Ip.ToArray());
            }
        }

        if (pending is { } late)
        {
            w.WriteIp(late.At, late.Ip);
        }

        return to;
    }
}
