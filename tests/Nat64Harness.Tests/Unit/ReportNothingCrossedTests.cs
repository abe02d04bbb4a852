using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Cli;
using Nat64Harness.Model;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// `nat64h report` on an exchange nothing of which crossed the router. Found on the suite's own kept folders: every
/// prefix discovery and every DNS-only exchange came out "FAIL 0/0 pairs" although the live run had passed them, and a
/// TCP exchange whose DNS got no answer failed with nothing saying why. The capture record now keeps the exchange's kind
/// and the probe's verdict: a resolve or a discovery that passed passes, a TCP, UDP or ICMP exchange that crossed
/// nothing fails naming the probe's verdict, and a folder without that record fails as before, saying why.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ReportNothingCrossedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-crossed-").FullName;

    [Theory]
    [InlineData(ExchangeKind.Discover)]
    [InlineData(ExchangeKind.Resolve)]
    public async Task Report_DiscoveryOrResolveThatPassed_PassesOnTheProbesVerdict(ExchangeKind kind)
    {
        // Given an exchange whose router captures are empty, recorded as a passing discovery or resolve
        var folder = Folder(new RecordedExchange(kind, true, null));

        // When
        var (exit, page) = await ReportAsync(folder);

        // Then
        exit.Should().Be(0);
        page.Should().Contain("1 passed, 0 failed").And.Contain("not judged")
            .And.Contain($"nothing crossed the router, and a {kind.ToString().ToLowerInvariant()} exchange need not: the probe&#39;s verdict (passed) is the exchange&#39;s");
    }

    [Fact]
    public async Task Report_DiscoveryThatFailed_FailsWithTheProbesError()
    {
        var folder = Folder(new RecordedExchange(ExchangeKind.Discover, false, "no Router Advertisement carried a PREF64 option within 5 s"));

        var (exit, page) = await ReportAsync(folder);

        exit.Should().Be(1);
        page.Should().Contain("probe: no Router Advertisement carried a PREF64 option within 5 s");
    }

    [Fact]
    public async Task Report_TcpExchangeWhoseProbeFailed_FailsNamingTheProbesError()
    {
        var folder = Folder(new RecordedExchange(ExchangeKind.Tcp, false, "echo.nat64h.test: no DNS answer"));

        var (exit, page) = await ReportAsync(folder);

        exit.Should().Be(1);
        page.Should().Contain("probe: echo.nat64h.test: no DNS answer").And.Contain("nothing of this tcp exchange crossed the router: the probe failed");
    }

    [Fact]
    public async Task Report_TcpExchangeAnsweredWithoutCrossingTheRouter_Fails()
    {
        // Given a probe that was answered while neither side of the router saw a packet: something else answered it
        var folder = Folder(new RecordedExchange(ExchangeKind.Tcp, true, null));

        var (exit, page) = await ReportAsync(folder);

        exit.Should().Be(1);
        page.Should().Contain("the probe was answered, yet nothing of this tcp exchange crossed the router: something short of the router answered it");
    }

    [Fact]
    public async Task Report_RecordWithoutTheExchange_FailsSayingWhy()
    {
        // Given a record written before records kept the exchange (coverage only)
        var folder = Folder(null);

        var (exit, page) = await ReportAsync(folder);

        exit.Should().Be(1);
        page.Should().Contain("nothing crossed the router, and no exchange section in 01-x.captures.json says whether this exchange had to: counted as failed");
    }

    [Theory]
    [InlineData("""{"captures": [], "exchange": {"kind": "carrier-pigeon", "probe_ok": true}}""", "01-x.captures.json: exchange.kind is 'carrier-pigeon': expected one of tcp, udp, icmp, resolve, discover")]
    [InlineData("""{"captures": [], "exchange": {"kind": "3", "probe_ok": true}}""", "01-x.captures.json: exchange.kind is '3'")]
    [InlineData("""{"captures": [], "exchange": {"kind": "tcp"}}""", "01-x.captures.json: exchange.probe_ok is missing")]
    public void LoadExchange_NotWhatTheHarnessWrites_NamesTheFileAndField(string text, string message)
    {
        var path = Path.Combine(_directory, "01-x.captures.json");
        File.WriteAllText(path, text);

        var load = () => CaptureRecord.LoadExchange(path);

        load.Should().Throw<FormatException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void TrySave_WithTheExchange_LoadsItBack_AndWithoutItLoadsNull()
    {
        var stem = Path.Combine(_directory, "01-x");
        CaptureRecord.TrySave(stem, [], new RecordedExchange(ExchangeKind.Udp, false, "2 of 3 datagrams echoed")).Should().BeTrue();
        CaptureRecord.LoadExchange(CaptureRecord.PathFor(stem)).Should().Be(new RecordedExchange(ExchangeKind.Udp, false, "2 of 3 datagrams echoed"));

        CaptureRecord.TrySave(stem, []).Should().BeTrue();
        CaptureRecord.LoadExchange(CaptureRecord.PathFor(stem)).Should().BeNull();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A kept folder with one exchange whose IPv6 and IPv4 router captures ran and held nothing, and its record.
    private string Folder(RecordedExchange? exchange)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "run")).FullName;
        var opened = DateTimeOffset.UnixEpoch.AddDays(20000);
        CaptureFile Empty(CapturePoint point)
        {
            var path = Path.Combine(folder, $"01-x-{point.Name}.pcap");
            PcapWriter.Create(path, LinkTypes.Ethernet).Dispose();
            return new CaptureFile(point, path, 0)
            {
                Summary = new CaptureSummary(0, 0, null, null, 0, DirectionSummary.Empty, DirectionSummary.Empty, []) { Opened = opened, Closed = opened.AddSeconds(2) },
            };
        }

        CaptureRecord.TrySave(Path.Combine(folder, "01-x"), [Empty(CapturePoint.V6Bridge), Empty(CapturePoint.V4Bridge)], exchange).Should().BeTrue();
        return folder;
    }

    private static async Task<(int Exit, string Page)> ReportAsync(string folder)
    {
        var exit = await CliApp.RunAsync(["report", folder]);
        return (exit, await File.ReadAllTextAsync(Path.Combine(folder, "report.html")));
    }
}
