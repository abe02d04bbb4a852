using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Cli;
using Nat64Harness.Model;
using Nat64Harness.Reporting;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Tests.Support;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>JUnit XML from the verbs: the structure CI systems read, a case per exchange or pair group, failures with their fields.</summary>
[Trait("Category", "Unit")]
public sealed class JunitReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nat64h-junit-").FullName;

    [Fact]
    public async Task Replay_ConformingFixture_OneCasePerFlow_NoFailure()
    {
        // Given a fixture with one UDP flow echoed both ways
        var file = Path.Combine(_folder, "replay.xml");

        // When replay writes JUnit
        (await CliApp.RunAsync(["replay", Fixture("udp-echo-both-directions"), "--junit", file])).Should().Be(0);

        // Then request and reply are one case of a well-formed file, passed
        var xml = await File.ReadAllTextAsync(file);
        JunitShape.Problems(xml).Should().BeEmpty();
        var suite = JunitRead.Suites(file).Single();
        suite.Cases.Should().ContainSingle().Which.Failure.Should().BeNull();
        suite.Cases[0].Name.Should().StartWith("UDP ").And.Contain("⇄");
    }

    [Fact]
    public async Task Replay_NegativeFixture_FailsItsCase_NamingTheField()
    {
        var file = Path.Combine(_folder, "replay.xml");

        (await CliApp.RunAsync(["replay", Fixture("negative-checksum-not-updated"), "--junit", file])).Should().Be(1);

        JunitShape.Problems(await File.ReadAllTextAsync(file)).Should().BeEmpty();
        var failed = JunitRead.Suites(file).Single().Cases.Single(c => c.Failure != null);
        failed.Failure.Should().Contain("udp.checksum");
        failed.Detail.Should().Contain("RFC 7915 §5.5");
    }

    [Fact]
    public async Task Verify_WritesJunit_LikeReplay()
    {
        var folder = Fixture("icmpv6-echo-both-directions");
        var file = Path.Combine(_folder, "verify.xml");

        (await CliApp.RunAsync(["verify", Path.Combine(folder, "before.pcap"), Path.Combine(folder, "after.pcap"), "--junit", file])).Should().Be(0);

        JunitShape.Problems(await File.ReadAllTextAsync(file)).Should().BeEmpty();
        JunitRead.Suites(file).Single().Cases.Should().NotBeEmpty().And.OnlyContain(c => c.Failure == null);
    }

    [Fact]
    public void RunSuite_OneCasePerExchange_FailedWhereTheProbeFailed()
    {
        // Given a run's rows: one exchange the probe got back, one it did not
        var plan = new AddressPlan(7, Nat64Prefix.WellKnown);
        var info = new RunInfo("20260101T000000Z-run-b7", RouterKind.Tayga, "none", plan, TimeSpan.FromSeconds(3), _folder);
        RunRow Row(string name, bool ok) => new(new ExchangeRun(name, Exchange(plan), new ProbeResult { Exchange = Exchange(plan), Ok = ok, Error = ok ? null : "timed out", ElapsedMs = 12 }, []), null);

        // When written as JUnit
        var file = Path.Combine(_folder, "run.xml");
        JunitReport.Save(file, [JunitReport.RunSuite(info, [Row("udp-echo", true), Row("tcp-echo", false)])]);

        // Then there is a case each, the failed one saying why
        JunitShape.Problems(File.ReadAllText(file)).Should().BeEmpty();
        var cases = JunitRead.Suites(file).Single().Cases;
        cases.Select(c => c.Name).Should().Equal("udp-echo", "tcp-echo");
        cases[1].Failure.Should().Be("probe: timed out");
    }

    [Fact]
    public void Shape_OfBrokenJunit_IsReported()
    {
        // Given JUnit whose counts lie and whose case has no classname
        const string xml = """
            <testsuites tests="2" failures="0">
              <testsuite name="s" tests="2" failures="0" errors="0" skipped="0" time="0">
                <testcase name="a" time="0"><failure>no message</failure></testcase>
              </testsuite>
            </testsuites>
            """;

        JunitShape.Problems(xml).Should().Contain(p => p.Contains("tests=\"2\", but it holds 1"))
            .And.Contain(p => p.Contains("no classname"))
            .And.Contain(p => p.Contains("failures=\"0\", but it holds 1"))
            .And.Contain(p => p.Contains("a failure without a message"));
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Exchange Exchange(AddressPlan plan) => Scenarios.ScenarioCatalog.UdpEcho.Build(plan);

    private static string Fixture(string name) => Path.Combine(TestSettings.Current.Layout.Fixtures, name);
}
