using Nat64Harness.PerAppVpn.Faults;
using Nat64Harness.PerAppVpn.Packets;
using Nat64Harness.PerAppVpn.Stats;
using Nat64Harness.PerAppVpn.Tests.Support;

namespace Nat64Harness.PerAppVpn.Tests;

/// <summary>Dispatch and drop accounting; no packet here reaches a real socket.</summary>
public sealed class VpnEngineTests
{
    private readonly CapturingSink _sink = new();
    private readonly List<FakeUpstream> _upstreams = [];

    [Fact]
    public void Malformed_TruncatedAndUnknown_AreCountedByReason_NeverThrown()
    {
        var engine = Engine(Fault.None);

        engine.Handle([]);
        engine.Handle(Requests.Udp(true, [1, 2, 3])[..30]);
        engine.Handle(Requests.Wrap(true, 132, new byte[8], 0));
        engine.Handle(Requests.Wrap(false, 47, new byte[8], 0));

        engine.Stats[DropReason.Empty].Should().Be(1);
        engine.Stats[DropReason.Ipv6Truncated].Should().Be(1);
        engine.Stats[DropReason.UnknownProtocol].Should().Be(2);
        engine.Stats[Counter.TunPacketsIn].Should().Be(4);
        _sink.Packets.Should().BeEmpty();
    }

    [Fact]
    public void NoIpv6Fault_DropsIpv6Only()
    {
        var engine = Engine(Fault.NoIpv6);

        engine.Handle(Requests.Tcp(true, 1, 0, 0x02, mss: 1440));
        engine.Handle(Requests.Tcp(false, 1, 0, 0x02, mss: 1440));

        engine.Stats[DropReason.FaultNoIpv6].Should().Be(1);
        _upstreams.Should().HaveCount(1, "the IPv4 SYN still opens a flow");
    }

    [Fact]
    public void TcpSyn_OpensOneFlow_AndItsSegmentsReachIt()
    {
        var engine = Engine(Fault.None);

        engine.Handle(Requests.Tcp(true, 100, 0, 0x02, mss: 1440));
        _upstreams.Single().Connection!.OnUpstreamConnected();
        engine.Handle(Requests.Tcp(true, 101, _upstreams.Single().Connection!.InitialSequence + 1, 0x10));

        engine.ActiveSessions.Should().Be(1);
        engine.Stats[Counter.TcpSessionsOpened].Should().Be(1);
        _upstreams.Single().Connection!.State.Should().Be(Sessions.TcpState.Established);
    }

    [Fact]
    public void TcpData_ForNoFlow_IsAnsweredWithRst()
    {
        var engine = Engine(Fault.None);

        engine.Handle(Requests.Tcp(true, 500, 777, 0x18, [1, 2, 3]));

        engine.Stats[DropReason.TcpNoSession].Should().Be(1);
        var rst = _sink.Take().Single().Parsed;
        rst.TcpFlags.Should().Be(TcpFlags.Rst);
        rst.TcpSequence.Should().Be(777, "RFC 9293 §3.10.7.1: the RST takes its sequence number from the segment's ACK");
    }

    [Fact]
    public void TcpPureAck_ForNoFlow_IsDroppedSilently()
    {
        var engine = Engine(Fault.None);

        engine.Handle(Requests.Tcp(true, 500, 777, 0x10));

        _sink.Packets.Should().BeEmpty("a late ACK after the flow was reaped must not provoke a RST");
    }

    private VpnEngine Engine(Fault fault)
    {
        var config = new VpnConfig("nat64h0", 1500, fault, null, "/dev/null", 0);
        return new VpnEngine(config, _sink, new VpnStats(), _ =>
        {
            var upstream = new FakeUpstream();
            _upstreams.Add(upstream);
            return upstream;
        });
    }
}
