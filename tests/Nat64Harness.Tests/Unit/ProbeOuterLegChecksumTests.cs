using System.Net;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Tests.Support;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// Behind a per-app VPN the app's datagrams cross the NAT64 from the VPN's own socket, whose port only the VPN's
/// kernel knows. The probe sets each datagram's last two bytes so that no port from 1024 up makes its IPv6 UDP
/// checksum all ones on that leg (the routers' stated defect sends 0x0000 for it, and the VPN's kernel drops the
/// reply). Checked here by our own checksum code, port by port.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ProbeOuterLegChecksumTests
{
    private static readonly IPAddress App = IPAddress.Parse("2001:db8:50:77::2");
    private static readonly IPAddress Vpn = IPAddress.Parse("2001:db8:50::30");
    private static readonly IPAddress Echo = IPAddress.Parse("64:ff9b::6440:500a");

    [Theory]
    [InlineData(1024, 3, 40075)]
    [InlineData(1025, 9, 51000)]
    [InlineData(300, 17, 33333)]
    [InlineData(2, 4, 40000)]
    [InlineData(1, 5, 40001)]
    public void GuardedDatagram_HasNoAllOnesPortFrom1024Up_OnTheVpnsLeg_AndNoneOnTheAppsOwn(int size, int seed, int appPort)
    {
        var data = Payload(size, seed, appPort, outer: true);

        data.Should().HaveCount(size);
        AllOnesPorts(Vpn, data).Should().OnlyContain(p => p < 1024, "no ephemeral port may make the checksum all ones");
        Checksum(App, appPort, Echo, 7, data).Should().NotBe(0, "the app's own leg is kept clear as before");
    }

    [Fact]
    public void UnguardedDatagrams_HaveTheirAllOnesPortAnywhere()
    {
        // The negative: without the outer leg guarded, the all-ones port of most datagrams lies among the ephemeral ones
        var seeds = Enumerable.Range(1, 8).Select(seed => AllOnesPorts(Vpn, Payload(300, seed, 40000, outer: false))).ToList();

        seeds.Should().OnlyContain(ports => ports.Count >= 1, "exactly one port (or 0 and 65535 together) makes any sum all ones");
        seeds.Count(ports => ports.Any(p => p >= 1024)).Should().BeGreaterThan(4);
    }

    [Fact]
    public void Exchange_WithOuterAddress_PassesItToTheProbe()
    {
        var exchange = new Exchange(ExchangeKind.Udp, Echo) { OuterAddress = Vpn };

        exchange.ToCommand().Should().ContainInConsecutiveOrder("--outer-address", Vpn.ToString());
        (exchange with { OuterAddress = null }).ToCommand().Should().NotContain("--outer-address");
    }

    /// <summary>Every port (1 to 65535) of the VPN's socket for which the echo's checksum would be all ones.</summary>
    private static List<int> AllOnesPorts(IPAddress outer, byte[] data) =>
        Enumerable.Range(1, 65535).Where(port => Checksum(Echo, 7, outer, port, data) == 0).ToList();

    private static ushort Checksum(IPAddress source, int sourcePort, IPAddress destination, int destinationPort, byte[] data) =>
        ProbeWire.UdpChecksum(source, sourcePort, destination, destinationPort, data);

    private static byte[] Payload(int size, int seed, int appPort, bool outer) =>
        ProbeWire.Evaluate($"wire.avoid_all_ones_outer(wire.payload({size}, {seed}), ('{App}', {appPort}), ('{Echo}', 7), '{(outer ? Vpn : "")}')");
}
