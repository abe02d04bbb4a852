using FluentAssertions;
using Nat64Harness.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// A known deviation is asserted, not skipped: the check must fail with the listed symptom; it fails the test when it
/// passes (the deviation disappeared) or fails another way (a new problem hiding behind the old one).
/// </summary>
[Trait("Category", "Unit")]
public sealed class KnownDeviationsTests : IDisposable
{
    private static readonly KnownDeviation[] Slirp = [new("icmpv6-echo", "timeout", "not proxied", "RFC 4443 §4.2")];
    private readonly string _folder = Directory.CreateTempSubdirectory("nat64h-deviations-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void NotListed_Passing_Passes() =>
        FluentActions.Invoking(() => KnownDeviations.Expect(Slirp, "tcp-echo", () => { }, _folder)).Should().NotThrow();

    [Fact]
    public void NotListed_Failing_FailsAsItself() =>
        FluentActions.Invoking(() => KnownDeviations.Expect(Slirp, "tcp-echo", () => throw new XunitException("echo differs"), _folder))
            .Should().Throw<XunitException>().WithMessage("echo differs");

    [Fact]
    public void Listed_FailingWithTheSymptom_PassesAndIsReported()
    {
        KnownDeviations.Expect(Slirp, "icmpv6-echo", () => throw new XunitException("seq 1: Timeout"), _folder);

        File.ReadAllText(Path.Combine(_folder, KnownDeviations.ReportFile)).Should().Contain("icmpv6-echo: known deviation seen: not proxied (RFC 4443 §4.2); failure: seq 1: Timeout");
    }

    [Fact]
    public void Listed_Passing_FailsSayingTheDeviationDisappeared() =>
        FluentActions.Invoking(() => KnownDeviations.Expect(Slirp, "icmpv6-echo", () => { }, _folder))
            .Should().Throw<XunitException>().WithMessage("icmpv6-echo passed, but it is listed as a known deviation*remove the entry");

    [Fact]
    public void Listed_FailingAnotherWay_FailsNamingBoth() =>
        FluentActions.Invoking(() => KnownDeviations.Expect(Slirp, "icmpv6-echo", () => throw new XunitException("echo data differs"), _folder))
            .Should().Throw<XunitException>().WithMessage("icmpv6-echo failed, but not as its known deviation says ('timeout'*echo data differs");
}
