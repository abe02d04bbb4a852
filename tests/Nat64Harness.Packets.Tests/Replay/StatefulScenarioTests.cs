using System.Net;
using FluentAssertions;
using Nat64Harness.Oracle;
using Nat64Harness.Replay;
using Xunit;

namespace Nat64Harness.Packets.Tests.Replay;

public sealed class StatefulScenarioTests
{
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

    [Fact]
    public void ToContext_StatefulPoolAndPorts_LearnsWithinThem()
    {
        // Given
        var scenario = Load("""{ "prefix": "64:ff9b::/96", "stateful": { "pool4": "100.64.7.128/26", "ports": "61001-65535" } }""");

        // When
        var context = scenario.ToContext();

        // Then
        context.IsStateful.Should().BeTrue();
        var learner = context.TransportMapping.Should().BeOfType<LearningTransportMapping>().Subject;
        learner.Pool4.Should().Be(IPNetwork.Parse("100.64.7.128/26"));
        learner.Ports.Should().Be(new PortRange(61001, 65535));
    }

    [Fact]
    public void ToContext_StatefulBibLines_IsStaticMapping()
    {
        // Given
        var scenario = Load("""{ "stateful": { "pool4": "100.64.7.128/26", "bib": [ "--udp", "[Dynamic] 100.64.7.130#61234 - 2001:db8:7::2#40100" ] } }""");

        // When
        var mapping = scenario.ToContext().TransportMapping!;

        // Then
        mapping.Should().BeOfType<StaticTransportMapping>();
        mapping.ToIpv4(BibProtocol.Udp, TransportAddress.Parse("2001:db8:7::2#40100")).Should().Be(TransportAddress.Parse("100.64.7.130#61234"));
    }

    [Fact]
    public void ToContext_NoStatefulKey_StaysStateless()
    {
        // When
        var context = Load("""{ "prefix": "64:ff9b::/96" }""").ToContext();

        // Then
        context.IsStateful.Should().BeFalse();
        context.TransportMapping.Should().BeNull();
    }

    [Theory]
    [InlineData("""{ "pool4": "2001:db8::/64" }""", "stateful.pool4")]                       // not IPv4
    [InlineData("""{ "pool4": "100.64.7.128/26", "ports": "65535-1" }""", "stateful.ports")] // reversed range
    [InlineData("""{ "pool4": "100.64.7.128/26", "bib": [ "UDP", "100.64.7.130#61234 - nonsense#1" ] }""", "line 2")] // unreadable BIB line
    public void ToContext_BadStatefulValue_ThrowsNamingTheKey(string stateful, string named)
    {
        // Given
        var scenario = Load($$"""{ "stateful": {{stateful}} }""");

        // When
        var act = () => scenario.ToContext();

        // Then
        act.Should().Throw<InvalidDataException>().WithMessage($"*{named}*");
    }
}
