using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Tests.Infrastructure;
using Nat64Harness.Topology;
using Xunit;

namespace Nat64Harness.Tests.Conformance;

/// <summary>The size sweep every topology runs: every exchange kind at the sizes that hide bugs, judged by the oracle.</summary>
public abstract partial class Nat64ConformanceTests
{
    [SkippableTheory]
    [InlineData(ExchangeKind.Udp)]
    [InlineData(ExchangeKind.Icmp)]
    [InlineData(ExchangeKind.Tcp)]
    public async Task SizeSweep_ZeroOneOddAndEveryMtuBoundary_EchoedAndTranslationConforms(ExchangeKind kind)
    {
        // Given every size that hides bugs on this path: 0 and 1 byte, odd sizes, each MTU's boundary ±1
        var mtus = PathMtus.Of(Topology);
        var scenario = SweepCatalog.Sizes(kind, mtus);

        // When each crosses the path, one after the other
        var run = await Topology.RunAsync(scenario);

        // Then each comes back exactly (a datagram above the smallest MTU may be lost only while the path learns
        // it, with the ICMP error that teaches it in the captures), and every packet is translated right
        Expect(run, () =>
        {
            SizeSweepOutcome.Assert(run, mtus);
            CaptureEvidence.Judge(run, Topology.Translator);
        });
    }
}
