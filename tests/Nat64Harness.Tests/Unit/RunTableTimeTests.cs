using System.Net;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Reporting;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The run table's time column: an exchange that never started (its name did not resolve) shows a dash.</summary>
[Trait("Category", "Unit")]
public sealed class RunTableTimeTests
{
    [Theory]
    [InlineData(double.NaN, "-")]
    [InlineData(2.54, "2.5")]
    public void Line_TimeColumn_IsTheProbesMillisecondsOrADash(double elapsedMs, string time)
    {
        var exchange = new Exchange(ExchangeKind.Tcp, IPAddress.IPv6Loopback);
        var run = new ExchangeRun("tcp-echo-by-name", exchange, new ProbeResult { Exchange = exchange, Ok = true, ElapsedMs = elapsedMs }, []);

        var line = RunReport.Line(new RunRow(run, null));

        // No pcaps: the time is the line's last column
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().EndWith(["not", "judged", time]);
        line.Should().NotContain("NaN");
    }
}
