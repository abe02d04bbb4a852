using System.Net;
using FluentAssertions;
using Nat64Harness.Model;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// What an echo request whose hop limit expires beyond the first hop must meet on one path: Time Exceeded from a
/// named hop, or, where a VPN cannot carry that hop's error back, nothing at all, with the reason stated. Either
/// is asserted; a deviation is never skipped.
/// </summary>
/// <param name="Description">What the path does, in words.</param>
/// <param name="Source">The hop that answers, or null when nothing may come back.</param>
public sealed record HopLimitOutcome(string Description, IPAddress? Source)
{
    /// <summary>ICMPv6 Time Exceeded (type 3, code 0) from <paramref name="source"/>.</summary>
    public static HopLimitOutcome TimeExceededFrom(IPAddress source, string who) => new($"Time Exceeded from {who} ({source})", source);

    /// <summary>No answer at all, for the stated <paramref name="reason"/>.</summary>
    public static HopLimitOutcome NoAnswer(string reason) => new($"no answer: {reason}", null);

    /// <summary>Asserts the outcome on the probe's single reply.</summary>
    public void Assert(ExchangeRun run)
    {
        var reply = run.Result.Replies.Should().ContainSingle($"one echo request was sent ({Description})").Subject;
        if (Source is null)
        {
            reply.Type.Should().BeNull($"{Description}; but {reply.Error}");
            reply.Error.Should().Be("timeout");
            return;
        }

        reply.Type.Should().Be(3, $"RFC 4443 §3.3, {Description}; got {reply.Error}");
        reply.Code.Should().Be(0);
        reply.Source.Should().Be(Source, Description);
    }
}
