using FluentAssertions;
using Nat64Harness.Bench;
using Xunit;

namespace Nat64Harness.Tests.Unit.Bench;

/// <summary>A bench option out of range is refused, naming it.</summary>
[Trait("Category", "Unit")]
public sealed class BenchOptionsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e6)]
    [InlineData(double.NaN)]
    public void Validate_UdpStartNotPositive_NamesTheStartRate(double start) =>
        FluentActions.Invoking(() => (BenchOptions.Quick with { UdpStartBitsPerSecond = start }).Validate())
            .Should().Throw<ArgumentException>().WithMessage("bench UDP start rate is *: it must be positive");

    [Theory]
    [InlineData(null)]
    [InlineData(400e6)]
    public void Validate_UdpStartUnsetOrPositive_Passes(double? start) =>
        FluentActions.Invoking(() => (BenchOptions.Quick with { UdpStartBitsPerSecond = start }).Validate()).Should().NotThrow();
}
