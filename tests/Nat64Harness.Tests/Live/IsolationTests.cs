using Docker.DotNet.Models;
using FluentAssertions;
using Nat64Harness.Docker;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Networks;
using Xunit;

namespace Nat64Harness.Tests.Live;

/// <summary>Every network of a run is internal, in the plan, without IPv4 on the host bridge; the audit catches one that is not.</summary>
[Trait("Category", "Docker")]
[Trait("Vpn", "none")]
[Trait("Router", "tayga")]
[Trait("Prefix", "64:ff9b::/96")]
[Collection(DockerFourthLane.Name)]
public sealed class IsolationTests(BaselineTopologyFixture fixture)
{
    [SkippableFact]
    public async Task Networks_OfBaselineRun_PassTheAudit()
    {
        var topology = fixture.Topology;
        using var client = DockerEngine.CreateClient();

        var violations = await NetworkAudit.NetworkViolationsAsync(client, topology.RunId, topology.Plan);

        violations.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Audit_OfNetworkThatIsNotInternalAndOutsideThePlan_NamesBothRules()
    {
        // Given a network labelled as a run of ours but neither internal nor inside its plan. It is the one
        // non-internal network any of our code creates: no container ever joins it and its bridge has no IPv4
        // (inhibit_ipv4), so it carries nothing; it lives only while the audit is shown to catch it.
        DockerRequirement.Check();
        using var client = DockerEngine.CreateClient();
        var plan = await AddressPlanAllocator.AllocateAsync(client, Addressing.Nat64Prefix.WellKnown);
        var runId = $"audit-negative-{Guid.NewGuid():N}";
        var outside = $"100.69.{plan.Block}.0/24"; // RFC 6598 space, but no subnet of the plan
        var created = await client.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = runId,
            Driver = "bridge",
            Internal = false,
            // Marked as this deliberate negative, so that CI's privilege watch leaves it to this test.
            Labels = new Dictionary<string, string>(HarnessLabels.ForRun(runId)) { ["nat64harness.negative"] = "IsolationTests: a network that breaks both rules on purpose" },
            Options = new Dictionary<string, string> { [HarnessNetwork.InhibitIpv4Option] = "true" },
            IPAM = new IPAM { Config = [new IPAMConfig { Subnet = outside }] },
        });
        try
        {
            // When the audit runs
            var violations = await NetworkAudit.NetworkViolationsAsync(client, runId, plan);

            // Then it names both broken rules
            violations.Should().Contain(v => v.Contains("is not internal"));
            violations.Should().Contain(v => v.Contains($"subnet {outside} is outside the address plan"));
        }
        finally
        {
            await client.Networks.DeleteNetworkAsync(created.ID);
        }
    }
}
