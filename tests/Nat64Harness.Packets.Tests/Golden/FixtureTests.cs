using FluentAssertions;
using Nat64Harness.Addressing;
using Nat64Harness.Golden;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Nat64Harness.Replay;
using Xunit;

namespace Nat64Harness.Packets.Tests.Golden;

public sealed class FixtureTests
{
    public static TheoryData<string> GeneratedFixtures => new(FixtureGenerator.All().Select(f => f.Name));

    public static TheoryData<string> FixtureFolders
    {
        get
        {
            var folders = Directory.Exists(RepositoryPaths.Fixtures)
                ? Directory.GetDirectories(RepositoryPaths.Fixtures).Where(d => File.Exists(Path.Combine(d, Replayer.BeforeFile))).Select(Path.GetFileName).OfType<string>()
                : [];
            return new TheoryData<string>(folders.DefaultIfEmpty("(no fixtures checked in)"));
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedFixtures))]
    public void Fixture_CheckedIn_MatchesGenerator(string name)
    {
        // Given: the generator's fixture and the checked-in folder
        var fixture = FixtureGenerator.All().Single(f => f.Name == name);
        var folder = Path.Combine(RepositoryPaths.Fixtures, name);
        var mode = Environment.GetEnvironmentVariable(GoldenComparer.UpdateVariable) == "1" ? GoldenMode.Update : GoldenMode.Compare;
        if (mode == GoldenMode.Update)
        {
            FixtureGenerator.Write(fixture, folder);
        }

        // When
        File.Exists(Path.Combine(folder, Replayer.BeforeFile)).Should().BeTrue($"run with {GoldenComparer.UpdateVariable}=1 to generate {folder}");
        var comparison = GoldenComparer.CheckAgainstFiles(
            Path.Combine(folder, Replayer.BeforeFile), Path.Combine(folder, Replayer.AfterFile),
            new CapturePair(fixture.Capture(before: true), fixture.Capture(before: false)), GoldenMode.Compare);

        // Then
        comparison.Matches.Should().BeTrue(comparison.ToString());
        File.ReadAllText(Path.Combine(folder, "README.md")).Should().Be(fixture.Readme);
        File.ReadAllText(Path.Combine(folder, ScenarioFile.FileName)).Should().Be(fixture.Scenario.ToJson() + "\n");
        File.Exists(Path.Combine(folder, Replayer.ExpectFailMarker)).Should().Be(fixture.ExpectFail);
    }

    [Theory]
    [MemberData(nameof(FixtureFolders))]
    public void ReplayFixture_EveryFolder_ConformsUnlessMarkedExpectFail(string name)
    {
        // Given
        var folder = Path.Combine(RepositoryPaths.Fixtures, name);
        Directory.Exists(folder).Should().BeTrue("fixtures/ must hold at least one scenario");

        // When
        var result = Replayer.ReplayFixture(folder);

        // Then
        result.AsExpected.Should().BeTrue(result.ToText());
        result.Report.Rows.Should().NotBeEmpty();
        File.ReadAllText(Path.Combine(folder, "README.md")).Trim().Should().NotContain("\n", "the README is one line");
    }

    [Fact]
    public void ReplayFixture_NegativeTtlFixture_NamesTheField()
    {
        // Given
        var folder = Path.Combine(RepositoryPaths.Fixtures, "negative-ttl-not-decremented");

        // When
        var result = Replayer.ReplayFixture(folder);

        // Then
        result.ExpectFail.Should().BeTrue();
        result.Report.Conforms.Should().BeFalse();
        result.Report.ToText().Should().Contain("ipv4.ttl: expected 63; seen 64");
    }

    [Fact]
    public void ReplayFixture_StatefulReplyPortNotTranslatedBack_NamesThePort()
    {
        // Given
        var folder = Path.Combine(RepositoryPaths.Fixtures, "negative-stateful-reply-port-not-translated");

        // When
        var result = Replayer.ReplayFixture(folder);

        // Then
        result.ExpectFail.Should().BeTrue();
        result.Report.Conforms.Should().BeFalse();
        result.Report.Lost.Should().Be(0, "the reply pairs; only its port is wrong");
        result.Report.ToText().Should().Contain("udp.destination_port: expected 40100");
    }

    [Theory]
    [InlineData("stateful-tcp-ports-mapped")]          // learned BIB, ports rewritten
    [InlineData("stateful-icmpv6-echo-id-mapped")]     // learned BIB, echo identifier rewritten
    [InlineData("stateful-udp-static-bib")]            // BIB given as Jool text in scenario.json
    public void ReplayFixture_StatefulFixture_JudgedStatelessWouldNotConform(string name)
    {
        // Given: the fixture, and the same folder judged without its "stateful" key
        var folder = Path.Combine(RepositoryPaths.Fixtures, name);
        var stateless = ScenarioFile.Load(Path.Combine(folder, ScenarioFile.FileName)) with { Stateful = null };

        // When
        var stateful = Replayer.ReplayFixture(folder);
        var asStateless = Replayer.VerifyPair(Path.Combine(folder, Replayer.BeforeFile), Path.Combine(folder, Replayer.AfterFile), stateless.ToContext());

        // Then
        stateful.Report.Conforms.Should().BeTrue(stateful.ToText());
        (stateful.Report.Lost, stateful.Report.Unexplained).Should().Be((0, 0));
        asStateless.Conforms.Should().BeFalse("ports are rewritten, which a stateless translator must not do");
    }

    [Fact]
    public void VerifyPair_BidirectionalUdpFixture_PairsBothWays()
    {
        // Given
        var folder = Path.Combine(RepositoryPaths.Fixtures, "udp-echo-both-directions");

        // When
        var report = Replayer.VerifyPair(
            Path.Combine(folder, Replayer.BeforeFile), Path.Combine(folder, Replayer.AfterFile), Nat64Prefix.WellKnown);

        // Then
        report.Conforms.Should().BeTrue(report.ToText());
        report.Passed.Should().Be(2);
        report.Rows.Select(r => r.Verdict!.Direction).Should().Contain([TranslationDirection.Ipv6ToIpv4, TranslationDirection.Ipv4ToIpv6]);
    }
}
