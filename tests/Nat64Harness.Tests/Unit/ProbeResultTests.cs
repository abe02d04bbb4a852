using System.Net;
using System.Text.Json;
using FluentAssertions;
using Nat64Harness.Model;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The probe's JSON line becomes a typed result once; a line that is not its result fails naming the field.</summary>
[Trait("Category", "Unit")]
public sealed class ProbeResultTests
{
    private static readonly Exchange Tcp = new(ExchangeKind.Tcp, IPAddress.Parse("64:ff9b::6440:50a"));

    [Fact]
    public void Parse_TcpSingleFlow_FillsTheFlowFields()
    {
        // A line as containers/probe/probe.py prints it for one TCP flow
        const string line = """{"seed": 1, "sent": 1000, "sent_sha256": "ab12", "connect_ms": 1.2, "local_addr": "2001:db8:5::20", "local_port": 40100, "received": 1000, "received_sha256": "ab12", "ok": true, "elapsed_ms": 6.1, "kind": "tcp", "target": "64:ff9b::6440:50a"}""";

        var result = ProbeResult.Parse(Tcp, line, default, default);

        result.Should().BeEquivalentTo(new
        {
            Ok = true,
            Sent = 1000L,
            Received = 1000L,
            SentSha256 = "ab12",
            ReceivedSha256 = "ab12",
            LocalAddress = IPAddress.Parse("2001:db8:5::20"),
            LocalPort = 40100,
            ElapsedMs = 6.1,
            RawJson = line,
        });
        result.Flows.Should().BeEmpty();
    }

    [Fact]
    public void Parse_IcmpWithTimeExceeded_ReadsEachReply()
    {
        const string line = """{"kind": "icmp", "target": "64:ff9b::6440:50a", "replies": [{"seq": 1, "sent": 56, "ok": false, "type": 3, "code": 0, "source": "2001:db8:5::3", "rtt_ms": 0.4, "error": "ICMPv6 error type 3 code 0 from 2001:db8:5::3"}, {"seq": 2, "sent": 56, "ok": false, "type": 2, "code": 0, "source": "2001:db8:5:77::1", "mtu": 1420, "error": "x"}], "identifier": 4242, "socket": "raw", "ok": false, "error": "seq 1: ...", "elapsed_ms": 2.0}""";

        var result = ProbeResult.Parse(Tcp with { Kind = ExchangeKind.Icmp }, line, default, default);

        result.Ok.Should().BeFalse();
        result.Identifier.Should().Be(4242);
        result.Replies.Should().HaveCount(2);
        result.Replies[0].Should().BeEquivalentTo(new { Sequence = 1, Type = 3, Code = 0, Source = IPAddress.Parse("2001:db8:5::3"), Mtu = (long?)null });
        result.Replies[1].Mtu.Should().Be(1420);
    }

    [Fact]
    public void Parse_UdpFlows_ReadsEachFlowAndItsDatagrams()
    {
        const string line = """{"flows": [{"seed": 1, "datagrams": [{"n": 0, "sent": 1024, "received": 1024, "rtt_ms": 0.9, "ok": true}], "local_addr": "2001:db8:5::20", "local_port": 50000, "ok": true, "elapsed_ms": 1.0}, {"seed": 2, "datagrams": [{"n": 0, "sent": 1024, "ok": false, "error": "timeout"}], "local_port": 50001, "ok": false, "error": "datagram 0: timeout", "elapsed_ms": 5.0}], "ok": false, "elapsed_ms": 5.1, "error": "1 of 2 flows failed"}""";

        var result = ProbeResult.Parse(Tcp with { Kind = ExchangeKind.Udp, Flows = 2 }, line, default, default);

        result.Flows.Select(f => (f.Seed, f.Ok, f.LocalPort)).Should().Equal((1, true, 50000), (2, false, 50001));
        result.Flows[1].Datagrams.Should().ContainSingle().Which.Error.Should().Be("timeout");
    }

    [Theory]
    [InlineData("""{"ok": "yes"}""", "$.ok")]                                                // a string where a boolean belongs
    [InlineData("""{"ok": true, "local_addr": "not-an-address"}""", "$.local_addr")]           // an address that is none
    [InlineData("""{"ok": true, "replies": [{"seq": 1, "sent": 56}]}""", "$.replies[0]")]      // a reply without its verdict
    [InlineData("""{"error": "no verdict"}""", "\"ok\"")]                                     // no verdict at all
    public void Parse_LineThatIsNotAResult_FailsNamingTheField(string line, string field)
    {
        var parse = () => ProbeResult.Parse(Tcp, line, default, default);

        parse.Should().Throw<JsonException>().Which.Message.Should().Contain(field);
    }
}
