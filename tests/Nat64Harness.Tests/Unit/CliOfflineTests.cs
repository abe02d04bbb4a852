using FluentAssertions;
using Nat64Harness.Cli;
using Nat64Harness.Replay;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The offline verbs' exit codes: 0 conforms, 1 does not, 2 unreadable input.</summary>
[Trait("Category", "Unit")]
public sealed class CliOfflineTests
{
    private static string Fixture(string name) => Path.Combine(TestSettings.Current.Layout.Fixtures, name);

    [Fact]
    public async Task Replay_ConformingFixture_ExitsZero()
    {
        (await CliApp.RunAsync(["replay", Fixture("udp-echo-both-directions")])).Should().Be(0);
    }

    [Fact]
    public async Task Replay_NegativeFixture_ExitsOne()
    {
        (await CliApp.RunAsync(["replay", Fixture("negative-ttl-not-decremented")])).Should().Be(1);
    }

    [Fact]
    public async Task Verify_FixturePairWithItsPrefix_ExitsZero()
    {
        var folder = Fixture("icmpv6-echo-both-directions");
        var prefix = ScenarioFile.Load(Path.Combine(folder, ScenarioFile.FileName)).Prefix;

        (await CliApp.RunAsync(["verify", Path.Combine(folder, "before.pcap"), Path.Combine(folder, "after.pcap"), "--prefix", prefix])).Should().Be(0);
    }

    [Fact]
    public async Task Verify_FixturePairWithAnotherPrefix_ExitsOne()
    {
        var folder = Fixture("icmpv6-echo-both-directions");

        (await CliApp.RunAsync(["verify", Path.Combine(folder, "before.pcap"), Path.Combine(folder, "after.pcap"), "--prefix", "2001:db8:100::/40"])).Should().Be(1);
    }

    [Fact]
    public async Task Verify_TextFileInsteadOfPcap_ExitsTwo()
    {
        var folder = Fixture("icmpv6-echo-both-directions");

        (await CliApp.RunAsync(["verify", Path.Combine(folder, "README.md"), Path.Combine(folder, "after.pcap")])).Should().Be(2);
    }
}
