using System.Net;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The per-app probe modes: the options each becomes, and the fields they add to the probe's result.</summary>
[Trait("Category", "Unit")]
public sealed class ProbeModesTests
{
    private static readonly AddressPlan Plan = new(200, Addressing.Nat64Prefix.WellKnown);

    [Fact]
    public void ToCommand_Modes_BecomeTheProbesOptions()
    {
        var exchange = new Exchange(ExchangeKind.Udp, IPAddress.Parse("64:ff9b::6440:c80a"), Uid: 0,
            Modes: new() { RecvErr = true, FragmentSize = 1280, Device = "nat64h0", Idle = TimeSpan.FromSeconds(65), Peer = true });

        string.Join(' ', exchange.ToCommand()).Should().EndWith("--idle 65 --recverr --frag-size 1280 --device nat64h0 --peer");
        exchange.ToCommand().Take(2).Should().Equal("setpriv", "--reuid=0");
    }

    [Fact]
    public void Scenarios_UseTheEchoServersExtraPorts()
    {
        PerAppScenarios.FarEndReset.Build(Plan).Should().Match<Exchange>(e => e.Port == 10 && e.Modes!.ExpectReset);
        PerAppScenarios.UdpClosedPort.Build(Plan).Should().Match<Exchange>(e => e.Port == 9 && e.Modes!.RecvErr);
        PerAppScenarios.IdleUdp.Build(Plan).Should().Match<Exchange>(e => e.Port == 8 && e.Modes!.Peer && e.Modes.Idle == PerAppScenarios.IdleTime);
        PerAppScenarios.AuditProbes.Select(p => p.Scenario.Build(Plan).Size % 2).Should().OnlyContain(odd => odd == 1, "a checksum bug can hide on even lengths");
    }

    [Fact]
    public void Parse_ModeFields_AreTyped()
    {
        const string line = """{"seed": 1, "datagrams": [{"n": 0, "sent": 1400, "fragments": [1280, 224], "ok": false, "error": "x"}], "path_mtu": 1500, "ok": false, "icmp_errors": [{"errno": 111, "origin": 3, "type": 1, "code": 4, "info": 0, "from": "64:ff9b::6440:c80a"}], "peers": ["100.64.200.129 40000", null], "reset": true, "tcp_info": {"maxseg": 1440, "snd_mss": 1440, "rcv_mss": 536, "advmss": 1440, "pmtu": 1500}}""";

        var result = ProbeResult.Parse(new Exchange(ExchangeKind.Udp, IPAddress.IPv6Loopback), line, default, default);

        result.Datagrams[0].Fragments.Should().Equal(1280, 224);
        result.PathMtu.Should().Be(1500);
        result.IcmpErrors.Should().ContainSingle().Which.Should().Be(new ProbeIcmpError(1, 4, 0, 111, IPAddress.Parse("64:ff9b::6440:c80a")));
        result.Peers.Should().Equal("100.64.200.129 40000", null);
        result.Reset.Should().BeTrue();
        result.TcpInfo.Should().Be(new ProbeTcpInfo(1440, 1440, 536, 1440, 1500));
    }

    [Fact]
    public void Parse_IcmpErrorWithBadSender_NamesThePath() =>
        FluentActions.Invoking(() => ProbeResult.Parse(new Exchange(ExchangeKind.Udp, IPAddress.IPv6Loopback), """{"ok": false, "icmp_errors": [{"type": 1, "from": "nowhere"}]}""", default, default))
            .Should().Throw<System.Text.Json.JsonException>().WithMessage("$.icmp_errors[0].from: 'nowhere' is not an IP address");

    [Fact]
    public void AccessFilter_BehindAPerAppVpn_IncludesTheAppsAddresses()
    {
        var filter = Topology.TopologyAssembler.AccessFilter(IPAddress.Parse("2001:db8:c8::30"), [IPAddress.Parse("2001:db8:c8:77::2"), IPAddress.Parse("100.67.200.100")]);

        filter.Should().Be("(ip6 and (host 2001:db8:c8::30 or host 2001:db8:c8:77::2) and not (icmp6 and ip6[40] >= 130 and ip6[40] <= 143)) or (ip and (host 100.67.200.100))");
        Topology.TopologyAssembler.AccessFilter(IPAddress.Parse("2001:db8:c8::20"), []).Should().Be("(ip6 and (host 2001:db8:c8::20) and not (icmp6 and ip6[40] >= 130 and ip6[40] <= 143))", "without a VPN, the probe alone");
    }
}
