using System.Net;
using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Tests.Support;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The probe's datagrams whose IPv6 UDP checksum must be sent as 0xFFFF: the payload the probe's Python computes,
/// checked here by our own checksum code, both ways (the request and its echo share the pseudo-header sum).
/// </summary>
[Trait("Category", "Unit")]
public sealed class ProbeAllOnesChecksumTests
{
    private static readonly IPAddress App = IPAddress.Parse("2001:db8:5::20");
    private static readonly IPAddress Echo = IPAddress.Parse("64:ff9b::6440:50a");

    [Theory]
    [InlineData(300, 40000)]
    [InlineData(2, 1)]
    [InlineData(1400, 65535)]
    public void AllOnesChecksum_ComputesToZero_BothWays(int size, int port)
    {
        // Given the probe's payload for a datagram from App:port to Echo:7
        var data = Payload(size, port, adjusted: true);

        // Then its UDP checksum computes to zero (sent as 0xffff) from the app to the echo server and back
        Checksum(App, port, Echo, 7, data).Should().Be(0);
        Checksum(Echo, 7, App, port, data).Should().Be(0);
        data.Should().HaveCount(size);
        data.AsSpan(0, size - 2).ToArray().Should().Equal(Payload(size, port, adjusted: false)[..(size - 2)], "only the last two bytes change");
    }

    [Fact]
    public void PlainPayload_DoesNotComputeToZero()
    {
        // The negative: without the adjustment the same datagram's checksum is an ordinary value
        Checksum(App, 40000, Echo, 7, Payload(300, 40000, adjusted: false)).Should().NotBe(0);
    }

    [Fact]
    public void OrdinaryDatagram_ThatWouldSumToAllOnes_HasItsLastByteChanged()
    {
        // Given the all-ones datagram passed through the probe's guard for ordinary exchanges
        var guarded = Payload(300, 40000, adjusted: true, guard: true);

        // Then its checksum is an ordinary value, while a datagram that does not sum to all ones is left as it was
        Checksum(App, 40000, Echo, 7, guarded).Should().NotBe(0);
        guarded[..^1].Should().Equal(Payload(300, 40000, adjusted: true)[..^1]);
        Payload(300, 40000, adjusted: false, guard: true).Should().Equal(Payload(300, 40000, adjusted: false));
    }

    [Fact]
    public void Exchange_WithAllOnesChecksum_PassesTheFlagToTheProbe()
    {
        var exchange = new Exchange(ExchangeKind.Udp, Echo, Size: 300) { AllOnesUdpChecksum = true };

        exchange.ToCommand().Should().Contain("--udp-checksum-ffff");
        (exchange with { AllOnesUdpChecksum = false }).ToCommand().Should().NotContain("--udp-checksum-ffff");
    }

    private static ushort Checksum(IPAddress source, int sourcePort, IPAddress destination, int destinationPort, byte[] data) =>
        ProbeWire.UdpChecksum(source, sourcePort, destination, destinationPort, data);

    private static byte[] Payload(int size, int port, bool adjusted, bool guard = false)
    {
        var (local, remote) = ($"('{App}', {port})", $"('{Echo}', 7)");
        var data = adjusted ? $"wire.all_ones_checksum(wire.payload({size}, 5), {local}, {remote})" : $"wire.payload({size}, 5)";
        return ProbeWire.Evaluate(guard ? $"wire.avoid_all_ones({data}, {local}, {remote})" : data);
    }
}
