using System.Net;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Tests.Support;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The TUN audit on hand-made captures of both directions: a response built as the RFCs demand of a packet the VPN
/// originates passes; each field copied or derived from the request, or broken, fails with its clause.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TunAuditTests : IDisposable
{
    private static readonly IPAddress App = IPAddress.Parse("2001:db8:5:77::2");
    private static readonly IPAddress Echo = IPAddress.Parse("64:ff9b::6440:50a");
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-tun-").FullName;

    [Fact]
    public void Inspect_ResponsesOfTheVpnsOwn_Pass()
    {
        var report = Audit(
            Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(301), hopLimit: 17, trafficClass: 0x8B, flowLabel: 0x12345)),
            Response(TestPackets.Udp6(Echo, 7, App, 40000, Data(301), hopLimit: 64, trafficClass: 0x88, flowLabel: 0x12345)),
            Request(TestPackets.Echo6(App, Echo, 128, 9, 1, Data(56), hopLimit: 200)),
            Response(TestPackets.Echo6(Echo, App, 129, 9, 1, Data(56), hopLimit: 64)));

        report.Violations.Should().BeEmpty();
        (report.Requests, report.Responses).Should().Be((2, 2));
    }

    [Theory]
    [InlineData(17, 17, "= the request's 17: copied from the request")]          // the article's header copy
    [InlineData(200, 199, "= the request's 200 − 1: copied from the request and decremented")]
    [InlineData(1, 0, "hop limit 0")]
    public void Inspect_HopLimitCopiedOrZero_Fails(int request, int response, string words)
    {
        var report = Audit(
            Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(10), hopLimit: (byte)request)),
            Response(TestPackets.Udp6(Echo, 7, App, 40000, Data(10), hopLimit: (byte)response)));

        report.Violations.Should().ContainSingle().Which.Should().Contain(words);
    }

    [Fact]
    public void Inspect_HopLimitFollowingTheRequestsAcrossExchanges_FailsAsDerived()
    {
        // Each value alone looks like a VPN's own (neither equal nor one less); together they follow the request.
        var first = Write(
            Request(TestPackets.Tcp6(App, 40001, Echo, 7, 1, 0x02, [], hopLimit: 17)),
            Response(TestPackets.Tcp6(Echo, 7, App, 40001, 9, 0x12, [], hopLimit: 20)));
        var second = Write(
            Request(TestPackets.Tcp6(App, 40002, Echo, 7, 1, 0x02, [], hopLimit: 255)),
            Response(TestPackets.Tcp6(Echo, 7, App, 40002, 9, 0x12, [], hopLimit: 2)));

        var report = TunAudit.Inspect([first, second], App);

        report.Violations.Should().ContainSingle().Which.Should().Contain("TCP responses: the hop limit follows the request's (17 → 20, 255 → 2)");
    }

    [Fact]
    public void Inspect_SameHopLimitForDifferentRequests_IsTheVpnsOwn()
    {
        var first = Write(Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(3), hopLimit: 1)), Response(TestPackets.Udp6(Echo, 7, App, 40000, Data(3), hopLimit: 64)));
        var second = Write(Request(TestPackets.Udp6(App, 40001, Echo, 7, Data(3), hopLimit: 200)), Response(TestPackets.Udp6(Echo, 7, App, 40001, Data(3), hopLimit: 64)));

        TunAudit.Inspect([first, second], App).Violations.Should().BeEmpty();
    }

    [Fact]
    public void Inspect_ResponseWithTheCommonHopLimit255ToARequestWith255_IsNoCopyByItself()
    {
        // Given a VPN whose own hop limit is 255 (libslirp's), answering requests sent with 17 and with 255
        var first = Write(Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(3), hopLimit: 17)), Response(TestPackets.Udp6(Echo, 7, App, 40000, Data(3), hopLimit: 255)));
        var second = Write(Request(TestPackets.Udp6(App, 40001, Echo, 7, Data(3), hopLimit: 255)), Response(TestPackets.Udp6(Echo, 7, App, 40001, Data(3), hopLimit: 255)));

        // Then the equality at 255 proves nothing, and across the two exchanges the hop limit is the VPN's own
        TunAudit.Inspect([first, second], App).Violations.Should().BeEmpty();
    }

    [Fact]
    public void Inspect_ResponseCopyingAnUncommonHopLimit_Fails()
    {
        // The negative: a hop limit of 200 no stack chooses, given back as the request had it
        var report = Audit(
            Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(3), hopLimit: 200)),
            Response(TestPackets.Udp6(Echo, 7, App, 40000, Data(3), hopLimit: 200)));

        report.Violations.Should().ContainSingle().Which.Should().Contain("hop limit 200 = the request's 200: copied from the request");
    }

    [Theory]
    [InlineData(0x8B, "ECN field CE")]          // the request's CE mark copied back
    [InlineData(0x02, "ECN field ECT(0) on a UDP response")]
    public void Inspect_EcnFieldTheVpnCannotClaim_Fails(int trafficClass, string words)
    {
        var report = Audit(
            Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(10), hopLimit: 17, trafficClass: (byte)trafficClass)),
            Response(TestPackets.Udp6(Echo, 7, App, 40000, Data(10), trafficClass: (byte)trafficClass)));

        report.Violations.Should().ContainSingle().Which.Should().Contain(words).And.Contain("RFC 3168");
    }

    [Fact]
    public void Inspect_FlowLabelChangingWithinTheFlow_Fails()
    {
        var report = Audit(
            Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(10), hopLimit: 17, flowLabel: 0x11111)),
            Response(TestPackets.Udp6(Echo, 7, App, 40000, Data(10), flowLabel: 0x11111)),
            Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(10), hopLimit: 17, flowLabel: 0x22222)),
            Response(TestPackets.Udp6(Echo, 7, App, 40000, Data(10), flowLabel: 0x22222)));

        report.Violations.Should().ContainSingle().Which.Should().Contain("flow label changed within the flow: 0x11111 → 0x22222 (RFC 6437 §3");
    }

    [Fact]
    public void Inspect_OddSegmentWithBadChecksum_FailsNamingTheOddLength()
    {
        var report = Audit(
            Request(TestPackets.Tcp6(App, 40001, Echo, 7, 1, 0x18, Data(301), hopLimit: 17)),
            Response(TestPackets.WithBadChecksum(TestPackets.Tcp6(Echo, 7, App, 40001, 9, 0x18, Data(301)), 16)));

        report.Violations.Should().ContainSingle().Which.Should().Contain("TCP checksum invalid").And.Contain("321-byte odd-length segment");
    }

    [Fact]
    public void Inspect_ZeroUdpChecksum_Fails()
    {
        var response = TestPackets.Udp6(Echo, 7, App, 40000, Data(10));
        response[46] = response[47] = 0;

        var report = Audit(Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(10), hopLimit: 17)), Response(response));

        report.Violations.Should().ContainSingle().Which.Should().Contain("UDP checksum 0: IPv6 receivers discard it (RFC 8200 §8.1)");
    }

    [Fact]
    public void Inspect_EchoReplyWithOtherData_Fails()
    {
        var changed = Data(56);
        changed[20] ^= 0xFF;

        var report = Audit(
            Request(TestPackets.Echo6(App, Echo, 128, 9, 1, Data(56), hopLimit: 17)),
            Response(TestPackets.Echo6(Echo, App, 129, 9, 1, changed)));

        report.Violations.Should().ContainSingle().Which.Should().Contain("does not return the request's 56 data bytes unmodified");
    }

    [Fact]
    public void Inspect_ResponseNotSwapped_FailsAsNotAddressedToTheApp()
    {
        var report = Audit(
            Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(10), hopLimit: 17)),
            Response(TestPackets.Udp6(App, 40000, Echo, 7, Data(10))));

        report.Violations.Should().Contain(v => v.Contains("is not addressed to the app", StringComparison.Ordinal));
    }

    [Fact]
    public void Inspect_ResponseAnsweringNoRequest_Fails()
    {
        var report = Audit(
            Request(TestPackets.Udp6(App, 40000, Echo, 7, Data(10), hopLimit: 17)),
            Response(TestPackets.Udp6(Echo, 7, App, 40999, Data(10))));

        report.Violations.Should().ContainSingle().Which.Should().Contain("answers no request the app sent");
    }

    [Fact]
    public void Inspect_RawCaptureOfResponsesOnly_UsesTheGivenRequestHopLimit()
    {
        var path = TestPackets.Write(Path.Combine(_directory, "in.pcap"), LinkTypes.Raw, T0, TestPackets.Udp6(Echo, 7, App, 40000, Data(10), hopLimit: 199));

        TunAudit.Inspect(path, App, 200).Violations.Should().ContainSingle().Which.Should().Contain("the request's 200 − 1");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Request(byte[] ip) => TestPackets.Sll2(ip, outgoing: true);

    private static byte[] Response(byte[] ip) => TestPackets.Sll2(ip, outgoing: false);

    private static byte[] Data(int size) => Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();

    private string Write(params byte[][] frames) => TestPackets.Write(Path.Combine(_directory, $"{Guid.NewGuid():N}.pcap"), LinkTypes.LinuxSll2, T0, frames);

    private TunReport Audit(params byte[][] frames) => TunAudit.Inspect([Write(frames)], App);
}
