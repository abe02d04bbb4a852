using System.Net;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The 100-flow TCP check on the probe's own lines: a port reused after its first flow closed passes (what a soak run
/// through OpenVPN showed, an RST having ended TIME_WAIT), a port two flows held at once fails naming both, and so does
/// a flow that never says when it held its port.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FlowPortsTests
{
    private static readonly Exchange Flows = new(ExchangeKind.Tcp, IPAddress.Parse("64:ff9b::6440:3c0a"), Flows: 3);

    [Fact]
    public void SharedWhileOpen_PortReusedAfterTheFirstFlowClosed_Passes()
    {
        // Port 44400 as the soak run's capture showed it: a second flow on it 23 ms after the first closed
        var flows = Parse(Flow(1, 44400, 1000.0, 1043.1), Flow(2, 44448, 1000.9, 1043.3), Flow(3, 44400, 1066.2, 1127.3));

        FlowPorts.SharedWhileOpen(flows).Should().BeEmpty();
    }

    [Fact]
    public void SharedWhileOpen_TwoFlowsOnOnePortAtOnce_FailsNamingBoth()
    {
        var flows = Parse(Flow(1, 44400, 1000.0, 1043.1), Flow(2, 44448, 1000.9, 1043.3), Flow(3, 44400, 1020.0, 1060.0));

        FlowPorts.SharedWhileOpen(flows).Should().ContainSingle().Which.Should()
            .Be("port 44400: flow 3 connected at 1020.000 ms while flow 1 held it (1000.000 to 1043.100 ms)");
    }

    [Fact]
    public void SharedWhileOpen_FlowWithoutItsSpan_IsNamed()
    {
        var flows = Parse(Flow(1, 44400, 1000.0, 1043.1), Flow(2, 44448, 1000.9, 1043.3), """{"seed": 3, "local_port": 44500, "ok": true, "elapsed_ms": 5.0}""");

        FlowPorts.SharedWhileOpen(flows).Should().Equal("flow 3: no port or no time it held it (port 44500)");
    }

    private static string Flow(int seed, int port, double connected, double closed) =>
        FormattableString.Invariant($$"""{"seed": {{seed}}, "local_addr": "2001:db8:3c:77::2", "local_port": {{port}}, "connected_at_ms": {{connected}}, "closed_at_ms": {{closed}}, "ok": true, "elapsed_ms": 50.0}""");

    private static IReadOnlyList<ProbeFlow> Parse(params string[] flows) =>
        ProbeResult.Parse(Flows, $$"""{"flows": [{{string.Join(", ", flows)}}], "ok": true, "elapsed_ms": 130.0}""", default, default).Flows;
}
