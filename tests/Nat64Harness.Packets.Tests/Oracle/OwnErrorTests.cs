using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>
/// Errors a packet draws from between the capture points instead of a translation — from the translator, a forwarding
/// hop before it, or one behind it whose error the translator translates back — judged by the hop limit and the
/// forwarding hops (RFC 7915 §4.1 / §5.1) and by what the quoted packet must be (RFC 4443 §3, RFC 792, RFC 7915 §4.3 / §5.3).
/// </summary>
public sealed class OwnErrorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Scenarios => new(OwnErrorScenarios.Names);

    public static TheoryData<string> Negatives => new(OwnErrorNegativeCases.Names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Pair_ErrorFromBetweenTheCapturePoints_IsAnsweredByTheTranslatorAndPasses(string name)
    {
        // Given: a packet and the error its sender got instead of a translation, on one side of the translator
        var scenario = OwnErrorScenarios.Get(name);

        // When
        var events = Run(scenario);

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.ErrorReturned);
        events[0].Passed.Should().BeTrue(OracleTestHelper.Explain(events[0].Verdict!));
        PairingReport.Collect(events, "side", "other").Conforms.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void Pair_ErrorWithOneThingWrong_FailsNamingThatField(string name)
    {
        // Given: the correct scenario passes, with a check of the field
        var c = OwnErrorNegativeCases.Get(name);
        var scenario = OwnErrorScenarios.Get(c.Scenario);
        var correct = Run(scenario).Single().Verdict!;
        correct.Passed.Should().BeTrue(OracleTestHelper.Explain(correct));
        if (!c.JudgedAnotherWay)
        {
            correct[c.Field].Should().NotBeNull("the rule must be checked on the correct error too").And.Match<FieldCheck>(f => f.Passed);
        }

        // When: one thing changes
        var events = Run(c.Break(scenario));

        // Then
        events.Should().ContainSingle().Which.Outcome.Should().Be(PairingOutcome.ErrorReturned);
        var verdict = events[0].Verdict!;
        verdict.Passed.Should().BeFalse();
        verdict.Failures.Select(f => f.Field).Should().Contain(c.Field, OracleTestHelper.Explain(verdict));
        verdict.Failures.Should().OnlyContain(f => f.RfcClause.Length > 0);
    }

    [Theory]
    [InlineData("time exceeded at the translator, v6", "error from the translator")]
    [InlineData("time exceeded before the translator, v6", "error from forwarding hop 1 of 1 before the translator")]
    [InlineData("time exceeded behind the translator, v4", "error from forwarding hop 1 of 1 after the translator, translated back")]
    [InlineData("packet too big behind the translator, Jool", "error from behind the translator, translated back")]
    public void Pair_ErrorFromBetweenTheCapturePoints_SaysWhichHopAnswered(string name, string origin)
    {
        // Given
        var scenario = OwnErrorScenarios.Get(name);

        // When
        var verdict = Run(scenario).Single().Verdict!;

        // Then
        verdict.Description.Should().EndWith("⇒ " + origin);
    }

    [Fact]
    public void Pair_ForwardingHopsBeforeSetToBoth_HopLimit3AnsweredAsReceived_Passes()
    {
        // Given: both of Tayga's forwarding hops before the translator: hop limit 3 runs out at the translator itself
        var scenario = OwnErrorScenarios.Get("time exceeded behind the translator, v6");
        scenario = scenario with { Context = scenario.Context with { ForwardingHopsBefore = 2 }, Quoted = scenario.Sent with { HopLimit = 1 } };

        // When
        var verdict = Run(scenario).Single().Verdict!;

        // Then
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
        verdict.Description.Should().EndWith("⇒ error from the translator");
    }

    private static List<PairingEvent> Run(OwnErrorScenario scenario)
    {
        var side = new[]
        {
            new CapturedPacket(0, T0, scenario.Sent.Build(), 0, LinkTypes.Raw),
            new CapturedPacket(1, T0.AddMilliseconds(1), scenario.Error.Build(), 0, LinkTypes.Raw),
        };
        return new Pairer(scenario.Context, TimeSpan.FromSeconds(1)).Pair(side, []).ToList();
    }
}
