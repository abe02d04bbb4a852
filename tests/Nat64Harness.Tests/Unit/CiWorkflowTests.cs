using System.Text.RegularExpressions;
using FluentAssertions;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Tests.Support;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The CI workflow (.github/workflows/suite.yml) cannot run here, so it is read: every filter it shards the suite
/// with must name traits the tests really carry and select tests, and every Docker test must land in exactly one
/// shard; every test class must say whether it needs Docker, and say it truthfully. Each rule is also shown
/// failing on a workflow or a class broken on purpose.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CiWorkflowTests
{
    private static readonly string Workflow = Path.Combine(TestSettings.Current.Layout.Root, ".github", "workflows", "suite.yml");

    private static IReadOnlyList<TestClass> Classes => TestClass.In(typeof(CiWorkflowTests).Assembly);

    [Fact]
    public void TestClasses_EachSaysItsCategory_AndDockerOnesTheirVpnRouterPrefix()
    {
        TraitRules.CheckClasses(Classes).Should().BeEmpty();
        Classes.Should().Contain(c => c.DockerEvidence != null, "the Docker test classes are found from what they do");
    }

    [Fact]
    public void Workflow_EveryFilterNamesRealTraits_AndEveryDockerTestRunsInExactlyOneShard()
    {
        var shards = WorkflowShard.Read(File.ReadAllText(Workflow));

        shards.Should().Contain(s => s.Filter != null && s.Filter.Contains("Category=Docker", StringComparison.Ordinal));
        shards.Should().Contain(s => s.Filter == "Category!=Docker");
        TraitRules.CheckShards(shards, Classes).Should().BeEmpty();
    }

    [Fact]
    public void OnlyTheHarnessTestProject_ReachesDocker()
    {
        // The workflow's unit job runs the other test projects whole: they must not be able to reach an engine. Tools
        // under tests/ that hold no tests (the reliability tests' process runner) are started by Docker tests only.
        var tests = Path.Combine(TestSettings.Current.Layout.Root, "tests");
        var reaching = Directory.EnumerateFiles(tests, "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("\"xunit\"", StringComparison.Ordinal))
            .Where(p => Regex.IsMatch(File.ReadAllText(p), @"harness/Nat64Harness/Nat64Harness\.csproj"))
            .Select(Path.GetFileName);

        reaching.Should().Equal("Nat64Harness.Tests.csproj");
    }

    [Fact]
    public void Workflow_WithAFilterNamingAnAbsentTrait_Fails()
    {
        var yaml = File.ReadAllText(Workflow).Replace("vpn: openvpn,", "vpn: nosuchvpn,", StringComparison.Ordinal);

        var problems = TraitRules.CheckShards(WorkflowShard.Read(yaml), Classes).ToList();

        problems.Should().Contain(p => p.Contains("Vpn=nosuchvpn, a trait no test carries"));
        problems.Should().Contain(p => p.Contains("OpenVpnConformanceTests") && p.Contains("0 Docker shards"));
    }

    [Fact]
    public void Workflow_WithTwoShardsRunningTheSameTests_Fails()
    {
        var yaml = File.ReadAllText(Workflow).Replace("- { shard: openvpn-tayga, vpn: openvpn,", "- { shard: again, vpn: wireguard, router: tayga, prefix: \"64:ff9b::/96\" }\n          - { shard: openvpn-tayga, vpn: openvpn,", StringComparison.Ordinal);

        TraitRules.CheckShards(WorkflowShard.Read(yaml), Classes).Should().Contain(p => p.Contains("WireGuardConformanceTests") && p.Contains("2 Docker shards"));
    }

    [Fact]
    public void Workflow_WithAMatrixValueMissing_Fails()
    {
        var yaml = File.ReadAllText(Workflow).Replace("Prefix=${{ matrix.prefix }}", "Prefix=${{ matrix.prefixes }}", StringComparison.Ordinal);

        TraitRules.CheckShards(WorkflowShard.Read(yaml), Classes).Should().Contain(p => p.Contains("matrix.prefixes"));
    }

    [Fact]
    public void DockerClass_WithoutACategory_Fails()
    {
        var problems = TraitRules.CheckClasses([TestClass.Describe(typeof(BrokenTestClasses.UntaggedDockerClass)), TestClass.Describe(typeof(BrokenTestClasses.DockerClassTaggedUnit))]).ToList();

        problems.Should().Contain(p => p.Contains(nameof(BrokenTestClasses.UntaggedDockerClass)) && p.Contains("no Category trait") && p.Contains("DockerRequirement"));
        problems.Should().Contain(p => p.Contains(nameof(BrokenTestClasses.DockerClassTaggedUnit)) && p.Contains("needs Docker"));
    }

    [Fact]
    public void DockerClass_WithoutItsVpn_Fails()
    {
        TraitRules.CheckClasses([TestClass.Describe(typeof(BrokenTestClasses.DockerClassWithoutVpn))]).Should().ContainSingle(p => p.Contains("one Vpn trait"));
    }
}
