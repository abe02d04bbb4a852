using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The underlay audit on hand-made frames: the tunnel's UDP passes; each thing that must not be there is named.</summary>
[Trait("Category", "Unit")]
public sealed class UnderlayAuditTests : IDisposable
{
    private static readonly IPAddress Server = IPAddress.Parse("100.66.7.20");
    private static readonly IPAddress Client = IPAddress.Parse("100.66.7.30");
    private static readonly PhysicalAddress ClientMac = PhysicalAddress.Parse("02-42-64-42-07-1E");
    private static readonly PhysicalAddress HostMac = PhysicalAddress.Parse("0E-00-00-00-00-01");
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("NAT64H-PROBE");
    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-underlay-").FullName;

    [Fact]
    public void Inspect_EncryptedTunnelUdpAndHostLinkLocalNoise_FindsNoViolation()
    {
        var report = Audit(
            Ipv4(ClientMac, Client, Server, protocol: 17, payload: [1, 2, 3, 4]),
            Ipv6(HostMac));

        report.Violations.Should().BeEmpty();
        report.TunnelDatagrams.Should().Be(1);
        report.HostIpv6Noise.Should().Be(1);
    }

    [Fact]
    public void Inspect_Ipv6FromVpnContainer_NamesFrameAndMac()
    {
        var report = Audit(Ipv6(ClientMac));

        report.Violations.Should().ContainSingle().Which.Should().Contain("frame 0").And.Contain("IPv6").And.Contain("from VPN container");
    }

    [Fact]
    public void Inspect_ProbePayloadReadableOnUnderlay_NamesPlaintextLeak()
    {
        var report = Audit(Ipv4(ClientMac, Client, Server, protocol: 17, payload: [.. Marker, 9, 9]));

        report.Violations.Should().ContainSingle().Which.Should().Contain("frame 0").And.Contain("plaintext leak");
    }

    [Fact]
    public void Inspect_TcpBetweenEndpoints_NamesItAsNotTheTunnel()
    {
        var report = Audit(Ipv4(ClientMac, Client, Server, protocol: 6, payload: new byte[20]));

        report.Violations.Should().ContainSingle().Which.Should().Contain("is not the tunnel's UDP");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private UnderlayReport Audit(params byte[][] frames)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.pcap");
        using (var writer = PcapWriter.Create(path, LinkTypes.Ethernet))
        {
            foreach (var frame in frames)
            {
                writer.Write(DateTimeOffset.UnixEpoch, frame);
            }
        }

        return UnderlayAudit.Inspect(path, new HashSet<PhysicalAddress> { ClientMac }, Server, Client, Marker);
    }

    private static byte[] Ethernet(PhysicalAddress source, ushort etherType, byte[] payload) =>
        [.. new byte[] { 0x02, 0x42, 0x64, 0x42, 0x07, 0x14 }, .. source.GetAddressBytes(), (byte)(etherType >> 8), (byte)etherType, .. payload];

    private static byte[] Ipv4(PhysicalAddress mac, IPAddress source, IPAddress destination, byte protocol, byte[] payload)
    {
        var transport = protocol == 17
            ? [0xca, 0x6c, 0xca, 0x6c, (byte)((8 + payload.Length) >> 8), (byte)(8 + payload.Length), 0, 0, .. payload]
            : payload;
        var length = 20 + transport.Length;
        byte[] header = [0x45, 0, (byte)(length >> 8), (byte)length, 0, 0, 0x40, 0, 64, protocol, 0, 0, .. source.GetAddressBytes(), .. destination.GetAddressBytes()];
        var sum = Packets.InternetChecksum.Complement(Packets.InternetChecksum.Sum(header));
        (header[10], header[11]) = ((byte)(sum >> 8), (byte)sum);
        return Ethernet(mac, 0x0800, [.. header, .. transport]);
    }

    // An MLD-like ICMPv6 packet from a link-local source.
    private static byte[] Ipv6(PhysicalAddress mac) =>
        Ethernet(mac, 0x86DD, [0x60, 0, 0, 0, 0, 8, 58, 1, .. IPAddress.Parse("fe80::1").GetAddressBytes(), .. IPAddress.Parse("ff02::16").GetAddressBytes(), 143, 0, 0, 0, 0, 0, 0, 0]);
}
