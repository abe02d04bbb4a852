using System.Net;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Tests.Support;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The per-app audits on hand-made packets: each passes a right capture and names a wrong one.</summary>
[Trait("Category", "Unit")]
public sealed class PerAppAuditTests : IDisposable
{
    private static readonly IPAddress App = IPAddress.Parse("2001:db8:c8:77::2");
    private static readonly IPAddress AppV4 = IPAddress.Parse("100.67.200.100");
    private static readonly IPAddress Vpn = IPAddress.Parse("2001:db8:c8::30");
    private static readonly IPAddress Router = IPAddress.Parse("2001:db8:c8::3");
    private static readonly IPAddress Target = IPAddress.Parse("64:ff9b::6440:c80a");
    private static readonly byte[] Mss1440 = [2, 4, 0x05, 0xa0];
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-perapp-audit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Leak_VpnAddressOnly_IsClean()
    {
        var pcap = PerAppPackets.Pcap(_directory, LinkTypes.Ethernet, PerAppPackets.Tcp(Vpn, Target, 0x10), PerAppPackets.Tcp(Target, Vpn, 0x11));

        LeakAudit.Inspect(pcap, [App, AppV4]).Violations.Should().BeEmpty();
    }

    [Fact]
    public void Leak_AppAddressAsSource_NamesPacketAndSegment()
    {
        // The TIME-WAIT ACK the reference VPN leaked before its 'from' rules (fault leak-time-wait)
        var pcap = PerAppPackets.Pcap(_directory, LinkTypes.Ethernet, PerAppPackets.Tcp(Vpn, Target, 0x10), PerAppPackets.Tcp(App, Target, 0x10));

        var report = LeakAudit.Inspect(pcap, [App, AppV4]);

        report.Packets.Should().Be(2);
        report.Violations.Should().ContainSingle().Which.Should().Contain("packet 1").And.Contain("[ACK]").And.Contain("app's address as source on the access network");
    }

    [Fact]
    public void Mss_1440AtMtu1500_Fits()
    {
        var pcap = PerAppPackets.Pcap(_directory, LinkTypes.Raw, PerAppPackets.Tcp(Target, App, 0x12, Mss1440), PerAppPackets.Tcp(Target, App, 0x10));

        var report = MssAudit.Inspect(pcap, 1500);

        report.Advertised.Should().Equal(1440);
        report.Violations.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1500, new byte[] { 2, 4, 0x05, 0xb4 }, "MSS 1460 > device MTU 1500 − 60 = 1440")] // the IPv4 value on an IPv6 SYN-ACK
    [InlineData(1280, new byte[] { 2, 4, 0x05, 0xa0 }, "MSS 1440 > device MTU 1280 − 60 = 1220")] // an MSS that ignores a smaller device
    [InlineData(1500, new byte[] { 1, 1, 4, 2 }, "has no MSS option")]                            // NOPs and SACK-permitted only
    [InlineData(1500, new byte[] { 2, 4, 0x01, 0x00 }, "MSS 256 < 1220")]                         // below what IPv6's minimum MTU carries
    public void Mss_ThatTheDeviceCannotCarry_IsNamed(int mtu, byte[] options, string message)
    {
        var pcap = PerAppPackets.Pcap(_directory, LinkTypes.Ethernet, PerAppPackets.Tcp(Target, App, 0x12, options));

        MssAudit.Inspect(pcap, mtu).Violations.Should().ContainSingle().Which.Should().Contain(message);
    }

    [Fact]
    public void FindMss_OptionAfterPaddingAndOthers_IsRead() =>
        MssAudit.FindMss([1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 2, 4, 0x04, 0xc4]).Should().Be(1220);

    [Fact]
    public void FindMss_TruncatedOrZeroLengthOption_IsNoneRatherThanALoop()
    {
        MssAudit.FindMss([2, 4, 5]).Should().BeNull();
        MssAudit.FindMss([8, 0, 2, 4, 5, 0xa0]).Should().BeNull();
    }

    private const string SlirpRoutes = """
        64:ff9b::/96 via fe80::2 dev nat64h0 metric 1024 pref medium
        2001:db8:c8:77::/64 dev nat64h0 proto kernel metric 256 pref medium
        fe80::/64 dev nat64h0 proto kernel metric 256 pref medium
        100.67.200.0/24 dev nat64h0 proto kernel scope link src 100.67.200.100
        """;

    private static readonly IPNetwork[] AppSubnets = [IPNetwork.Parse("2001:db8:c8:77::/64"), IPNetwork.Parse("100.67.200.0/24")];

    [Fact]
    public void AppRoutes_AsSlirp4netnsInstallsThem_AreTheContracts() =>
        AppRoutesAudit.Inspect(SlirpRoutes, "nat64h0", "64:ff9b::/96", IPAddress.Parse("fe80::2"), AppSubnets).Should().BeEmpty();

    [Theory]
    [InlineData("default via fe80::2 dev nat64h0 proto ra metric 1024 expires 1799sec", "a default route")] // what accept_ra=1 gave the app (measured)
    [InlineData("fd00::/64 dev nat64h0 proto kernel metric 256", "a route the contract does not give the app")]
    [InlineData("100.64.200.0/24 via 100.67.200.2 dev nat64h0", "a route the contract does not give the app")]
    public void AppRoutes_BeyondTheContract_AreNamed(string extra, string message) =>
        AppRoutesAudit.Inspect(SlirpRoutes + "\n" + extra, "nat64h0", "64:ff9b::/96", IPAddress.Parse("fe80::2"), AppSubnets)
            .Should().ContainSingle().Which.Should().Contain(message).And.Contain(extra.Split(' ')[0]);

    [Fact]
    public void AppRoutes_PrefixViaAnotherGatewayOrMissing_IsNamed()
    {
        AppRoutesAudit.Inspect(SlirpRoutes.Replace("via fe80::2", "via fe80::9", StringComparison.Ordinal), "nat64h0", "64:ff9b::/96", IPAddress.Parse("fe80::2"), AppSubnets)
            .Should().ContainSingle().Which.Should().Contain("the prefix must go via fe80::2 dev nat64h0");
        AppRoutesAudit.Inspect(SlirpRoutes.Split('\n')[1], "nat64h0", "64:ff9b::/96", IPAddress.Parse("fe80::2"), AppSubnets)
            .Should().ContainSingle().Which.Should().Contain("no route for the NAT64 prefix");
    }

    [Fact]
    public void AppRoutes_TheVpnsOwnDnsForwarder_IsAllowedOnlyWhenOffered()
    {
        // Given slirp4netns's routes with its DNS forwarder (ready line dns=fd00::3)
        const string withDns = SlirpRoutes + "\nfd00::3 via fe80::2 dev nat64h0 metric 1024 pref medium";
        var gateway = IPAddress.Parse("fe80::2");

        // Then the forwarder's route is the contract's when the VPN offered it, and a stray route when it did not
        AppRoutesAudit.Inspect(withDns, "nat64h0", "64:ff9b::/96", gateway, AppSubnets, IPAddress.Parse("fd00::3")).Should().BeEmpty();
        AppRoutesAudit.Inspect(withDns, "nat64h0", "64:ff9b::/96", gateway, AppSubnets).Should().ContainSingle().Which.Should().Contain("fd00::3");
        AppRoutesAudit.Inspect(withDns.Replace("fd00::3 via fe80::2", "fd00::3 via fe80::9", StringComparison.Ordinal), "nat64h0", "64:ff9b::/96", gateway, AppSubnets, IPAddress.Parse("fd00::3"))
            .Should().ContainSingle().Which.Should().Contain("must go via fe80::2");
    }
}
