using FluentAssertions;
using Nat64Harness.Replay;
using Xunit;

namespace Nat64Harness.Packets.Tests.Replay;

public sealed class ForwardingHopsScenarioTests
{
    [Fact]
    public void ToContext_ForwardingHopsBeforeGiven_ReachesTheContext()
    {
        // Given: both of a host's two forwarding hops before its translator
        var scenario = Load("""{ "prefix": "64:ff9b::/96", "forwardingHops": 2, "forwardingHopsBefore": 2 }""");

        // When
        var context = scenario.ToContext();

        // Then
        context.ForwardingHops.Should().Be(2);
        context.ForwardingHopsBefore.Should().Be(2);
    }

    [Fact]
    public void ToJson_ForwardingHopsBeforeAbsent_StaysAbsent()
    {
        // Given: a file written before the key existed (the live Tayga fixtures)
        var scenario = Load("""{ "prefix": "64:ff9b::/96", "forwardingHops": 2 }""");

        // When
        var json = scenario.ToJson();

        // Then: the oracle takes half (one hop on each side of a TUN), and the file is written back without the key
        scenario.ToContext().ForwardingHopsBefore.Should().BeNull();
        json.Should().NotContain("forwardingHopsBefore");
    }

    private static ScenarioFile Load(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nat64h-scenario-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            return ScenarioFile.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
