using FluentAssertions;
using Nat64Harness.Oracle;
using Nat64Harness.Packets.Tests.Support;
using Xunit;
using static Nat64Harness.Packets.Tests.Support.StatefulPairs;

namespace Nat64Harness.Packets.Tests.Oracle;

/// <summary>Stateful NAT64 (RFC 6146) rules: each positive case has a one-field negative twin below.</summary>
public sealed class StatefulOracleTests
{
    private static TranslationVerdict Judge(TranslationOracle oracle, (TestPacket Before, TestPacket After) pair) =>
        oracle.Judge(pair.Before.Build(), pair.After.Build(), 0, 1);

    private static void ShouldPass(TranslationVerdict verdict, params string[] fields)
    {
        verdict.Passed.Should().BeTrue(OracleTestHelper.Explain(verdict));
        foreach (var field in fields)
        {
            verdict[field].Should().NotBeNull($"{field} must be judged").And.Match<FieldCheck>(f => f.Passed);
        }
    }

    private static void ShouldFailOn(TranslationVerdict verdict, string field, string because)
    {
        verdict.Passed.Should().BeFalse();
        verdict.Failures.Select(f => f.Field).Should().Contain(field, OracleTestHelper.Explain(verdict));
        verdict[field]!.Expected.Should().Contain(because, OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void Judge_UdpSourcePortMappedIntoPool4Range_LearnsAndPasses()
    {
        // Given: a learning context, nothing known yet
        var oracle = new TranslationOracle(Learning());

        // When
        var verdict = Judge(oracle, Udp6To4());

        // Then
        ShouldPass(verdict, "udp.source_port", "udp.destination_port", "ipv4.source", "udp.checksum");
        verdict["udp.source_port"]!.Expected.Should().Contain("learned");
        ((LearningTransportMapping)oracle.Context.TransportMapping!).Entries.Should().ContainSingle()
            .Which.Should().Be(new BibEntry(BibProtocol.Udp, TransportAddress.Parse("2001:db8:5::2#40100"), TransportAddress.Parse("100.64.5.130#61234")));
    }

    [Fact]
    public void Judge_UdpSourcePortOutsidePortRange_FailsSourcePortNamingTheRange()
    {
        // Given / When: the translator picked port 60000, below 61001
        var verdict = Judge(new TranslationOracle(Learning()), Udp6To4(poolPort: 60000));

        // Then
        ShouldFailOn(verdict, "udp.source_port", "a pool4 port in 61001-65535");
        verdict.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Judge_SourcePortNotMappedAgainstBib_FailsSourcePort()
    {
        // Given: the BIB says 40100 ↔ 61234, the translator copied the client port (stateless behaviour)
        var oracle = new TranslationOracle(Static());
        ShouldPass(Judge(oracle, Udp6To4()), "udp.source_port");

        // When
        var verdict = Judge(oracle, Udp6To4(poolPort: ClientPort));

        // Then
        ShouldFailOn(verdict, "udp.source_port", "61234 (BIB UDP 2001:db8:5::2#40100");
        verdict.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Judge_SecondPacketOfFlowMappedToOtherPort_FailsSourcePort()
    {
        // Given: the first packet of the flow taught 40100 → 61234
        var oracle = new TranslationOracle(Learning());
        ShouldPass(Judge(oracle, Udp6To4()));
        ShouldPass(Judge(oracle, Udp6To4()), "udp.source_port");

        // When: a later packet of the same flow leaves through 61235
        var verdict = Judge(oracle, Udp6To4(poolPort: 61235));

        // Then
        ShouldFailOn(verdict, "udp.source_port", "61234");
        verdict.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Judge_ReplyPortTranslatedBack_Passes_AndNotTranslatedBack_FailsDestinationPort()
    {
        // Given: request learned
        var oracle = new TranslationOracle(Learning());
        ShouldPass(Judge(oracle, Udp6To4()));

        // When
        var good = Judge(oracle, Udp4To6());
        var bad = Judge(oracle, Udp4To6(clientPort: PoolPort));

        // Then
        ShouldPass(good, "udp.destination_port", "ipv6.destination", "udp.checksum");
        ShouldFailOn(bad, "udp.destination_port", "40100");
        bad.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Judge_ReplyToPoolPortWithoutBibEntry_Fails()
    {
        // Given: a static BIB with no UDP entry for pool port 61999
        var (before, after) = Udp4To6();
        before = before with { Upper = new UdpSpec(ServerPort, 61999, TranslationPairs.Data) };

        // When
        var verdict = Judge(new TranslationOracle(Static()), (before, after));

        // Then
        ShouldFailOn(verdict, "udp.destination_port", "no BIB UDP entry for 100.64.5.130#61999");
    }

    [Fact]
    public void Judge_SourceAddressOutsidePool4_FailsSourceAddress()
    {
        // Given / When: 100.64.5.10 is not in 100.64.5.128/26
        var (before, after) = Udp6To4();
        var verdict = Judge(new TranslationOracle(Learning()), (before, after with { Source = "100.64.5.100" }));

        // Then
        ShouldFailOn(verdict, "ipv4.source", "an address in pool4 100.64.5.128/26");
    }

    [Fact]
    public void Judge_TcpBothDirectionsAgainstBib_PassesWithPortsAndChecksums()
    {
        // Given
        var oracle = new TranslationOracle(Static());

        // When
        var request = Judge(oracle, Tcp6To4(1000, 0x18, TranslationPairs.Data));
        var reply = Judge(oracle, Tcp4To6(5000, 0x18, TranslationPairs.Data));

        // Then
        ShouldPass(request, "tcp.source_port", "tcp.checksum", "tcp.segment");
        ShouldPass(reply, "tcp.destination_port", "tcp.checksum");
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public void Judge_PortRewrittenButChecksumOnlyAdjustedForAddresses_FailsChecksum(string protocol)
    {
        // Given: the checksum a translator would write if it forgot the port change (computed with the client's port)
        var (before, after) = protocol == "udp" ? Udp6To4() : Tcp6To4(1000, 0x18, TranslationPairs.Data);
        var stale = protocol == "udp"
            ? after with { Upper = new UdpSpec(ClientPort, ServerPort, TranslationPairs.Data) }
            : after with { Upper = ((TcpSpec)after.Upper) with { SourcePort = ClientPort } };
        var staleBytes = stale.UpperBytes();
        var offset = protocol == "udp" ? 6 : 16;
        var staleChecksum = (ushort)((staleBytes[offset] << 8) | staleBytes[offset + 1]);
        var broken = after with { Upper = after.Upper with { ChecksumOverride = staleChecksum } };
        var oracle = new TranslationOracle(Static());
        ShouldPass(Judge(oracle, (before, after)), $"{protocol}.checksum");

        // When
        var verdict = Judge(oracle, (before, broken));

        // Then
        verdict.Failures.Select(f => f.Field).Should().Equal([$"{protocol}.checksum"], OracleTestHelper.Explain(verdict));
    }

    [Fact]
    public void Judge_EchoIdentifierMappedBothWays_Passes()
    {
        // Given
        var oracle = new TranslationOracle(Learning());

        // When
        var request = Judge(oracle, Echo6To4());
        var reply = Judge(oracle, EchoReply4To6());

        // Then
        ShouldPass(request, "icmp.identifier", "icmp.checksum", "ipv4.source");
        ShouldPass(reply, "icmpv6.identifier", "icmpv6.checksum", "ipv6.destination");
    }

    [Fact]
    public void Judge_EchoIdentifierNotMappedOnRequest_FailsIdentifier()
    {
        // Given / When: the BIB maps identifier 119 to 61500; the translator copied it
        var verdict = Judge(new TranslationOracle(Static()), Echo6To4(poolId: EchoId));

        // Then
        ShouldFailOn(verdict, "icmp.identifier", "61500");
        verdict.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Judge_EchoIdentifierNotMappedBackOnReply_FailsIdentifier()
    {
        // Given
        var oracle = new TranslationOracle(Learning());
        ShouldPass(Judge(oracle, Echo6To4()));

        // When: the reply reaches the client with the pool4 identifier
        var verdict = Judge(oracle, EchoReply4To6(clientId: PoolEchoId));

        // Then
        ShouldFailOn(verdict, "icmpv6.identifier", "119");
        verdict.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Judge_ErrorAboutMappedFlow_InnerCarriesClientPort_Passes_AndPoolPortFails()
    {
        // Given
        var oracle = new TranslationOracle(Static());

        // When
        var good = Judge(oracle, TimeExceeded4To6());
        var bad = Judge(oracle, TimeExceeded4To6(innerClientPort: PoolPort));

        // Then
        ShouldPass(good, "ipv6.destination", "inner.ipv6.source", "inner.udp.source_port", "icmpv6.checksum");
        ShouldFailOn(bad, "inner.udp.source_port", "40100");
        bad.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Judge_TimeExceededAboutMappedPing_InnerIdentifierMappedBack_Passes_AndPoolIdentifierFails()
    {
        // Given
        var oracle = new TranslationOracle(Static());

        // When
        var good = Judge(oracle, TimeExceededEcho4To6());
        var bad = Judge(oracle, TimeExceededEcho4To6(innerClientId: PoolEchoId));

        // Then
        ShouldPass(good, "ipv6.destination", "inner.icmpv6.identifier", "inner.icmpv6.sequence");
        ShouldFailOn(bad, "inner.icmpv6.identifier", "119");
        bad.Failures.Should().ContainSingle();
    }

    [Fact]
    public void Judge_ClientErrorAboutServerPacket_OuterSourceIsPoolAddress_InnerCarriesPoolPort()
    {
        // Given
        var oracle = new TranslationOracle(Static());
        var (before, after) = PortUnreachable6To4();

        // When
        var good = Judge(oracle, (before, after));
        var bad = Judge(oracle, (before, after with { Source = "100.64.5.131" }));

        // Then
        ShouldPass(good, "ipv4.source", "inner.ipv4.destination", "inner.udp.destination_port");
        ShouldFailOn(bad, "ipv4.source", "100.64.5.130");
    }

    [Fact]
    public void Judge_StatelessDefault_StillRequiresCopiedPorts()
    {
        // Given: the default context (no transport mapping) and a stateful translation
        var context = TranslationPairs.Context();

        // When
        var verdict = OracleTestHelper.Judge(Udp6To4().Before, Udp6To4().After, context);

        // Then
        context.IsStateful.Should().BeFalse();
        verdict.Failures.Select(f => f.Field).Should().Equal("udp.source_port");
    }
}
