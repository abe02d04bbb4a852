using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// What a size sweep must meet: every TCP size echoed (TCP sizes its segments to the path); every UDP datagram and
/// ICMPv6 echo echoed, except one whose packet exceeds a link of the path, which may be lost only with the
/// evidence of the path learning its MTU: an ICMPv6 Packet Too Big or ICMPv4 Fragmentation Needed in the captures.
/// </summary>
public static class SizeSweepOutcome
{
    /// <summary>Asserts the outcome of <paramref name="run"/> through a path of <paramref name="mtus"/>.</summary>
    public static void Assert(ExchangeRun run, IReadOnlyList<int> mtus)
    {
        var result = run.Result;
        var smallest = mtus.Min();
        var sizes = run.Exchange.Sizes!;
        if (run.Exchange.Kind == ExchangeKind.Tcp)
        {
            result.Flows.Should().HaveCount(sizes.Count, result.Error);
            result.Flows.Where(f => !f.Ok).Select(f => $"{f.Sent} B: {f.Error}").Should().BeEmpty("TCP fits its segments to the path: every size comes back");
            return;
        }

        var messages = run.Exchange.Kind == ExchangeKind.Udp
            ? result.Datagrams.Select(d => (d.Sent, d.Ok, d.Error)).ToList()
            : result.Replies.Select(r => (r.Sent, r.Ok, r.Error)).ToList();
        messages.Select(m => m.Sent).Should().Equal(sizes, "the probe sends one message per size, in order");
        var mtuErrors = run.Captures.Where(c => c.Summary is not null)
            .SelectMany(c => c.Summary!.IcmpErrors).Where(e => e is { Version: 6, Type: 2 } or { Version: 4, Type: 3, Code: 4 }).ToList();
        foreach (var (sent, ok, error) in messages.Where(m => !m.Ok))
        {
            var packet = sent + SweepCatalog.DatagramOverhead;
            packet.Should().BeGreaterThan(smallest, $"a {sent}-byte message ({packet}-byte packet) fits every link of the path ({string.Join(", ", mtus)}), yet: {error}");
            mtuErrors.Should().NotBeEmpty($"a {packet}-byte packet may be lost only while the path learns its MTU, with a Packet Too Big or Fragmentation Needed to show for it: {error}");
        }
    }
}
