using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Model;
using Nat64Harness.Verification;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>The underlay audit's DNS rule on hand-made frames: DNS in clear is named even between the tunnel's endpoints.</summary>
[Trait("Category", "Unit")]
public sealed class UnderlayDnsAuditTests : IDisposable
{
    private static readonly IPAddress Server = IPAddress.Parse("100.66.7.20");
    private static readonly IPAddress Client = IPAddress.Parse("100.66.7.30");
    private static readonly PhysicalAddress ClientMac = PhysicalAddress.Parse("02-42-64-42-07-1E");
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("NAT64H-PROBE");

    // A query for echo.nat64h.test. AAAA (RFC 1035 §4.1): id, RD, one question.
    private static readonly byte[] Query = [0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 4, .. "echo"u8, 6, .. "nat64h"u8, 4, .. "test"u8, 0, 0, 28, 0, 1];

    private readonly string _directory = Directory.CreateTempSubdirectory("nat64h-underlay-dns-").FullName;

    [Fact]
    public void Inspect_TunnelDatagramBetweenEndpoints_IsNoDns()
    {
        // The control: the tunnel's own UDP (WireGuard's port both ways), its payload opaque
        var report = Audit(Udp(51820, 51820, [0x04, 0, 0, 0, 9, 8, 7, 6]));

        report.Violations.Should().BeEmpty();
        report.DnsInClear.Should().Be(0);
        report.TunnelDatagrams.Should().Be(1);
    }

    [Fact]
    public void Inspect_QueryToPort53BetweenEndpoints_IsDnsInClear_NotTheTunnel()
    {
        // A VPN that sends the app's query to its server's underlay address, in clear (UDP between the two endpoints,
        // which the tunnel rule alone would count as the tunnel's)
        var report = Audit(Udp(40000, 53, Query));

        report.DnsInClear.Should().BeGreaterThan(0);
        report.TunnelDatagrams.Should().Be(0);
        report.Violations.Should().Contain(v => v.Contains("DNS in clear on the underlay: UDP 100.66.7.30:40000 → 100.66.7.20:53"));
    }

    [Fact]
    public void Inspect_TestZoneNameReadableOnAnyPort_IsDnsInClear()
    {
        // A query carried in clear on the tunnel's own port: the name gives it away
        var report = Audit(Udp(51820, 51820, Query));

        report.Violations.Should().ContainSingle().Which.Should().Contain("a DNS name of the test zones is readable");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private UnderlayReport Audit(byte[] frame)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.pcap");
        using (var writer = PcapWriter.Create(path, LinkTypes.Ethernet))
        {
            writer.Write(DateTimeOffset.UnixEpoch, frame);
        }

        return UnderlayAudit.Inspect(path, new HashSet<PhysicalAddress> { ClientMac }, Server, Client, Marker);
    }

    private static byte[] Udp(ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        byte[] udp = [(byte)(sourcePort >> 8), (byte)sourcePort, (byte)(destinationPort >> 8), (byte)destinationPort, (byte)((8 + payload.Length) >> 8), (byte)(8 + payload.Length), 0, 0, .. payload];
        var length = 20 + udp.Length;
        byte[] header = [0x45, 0, (byte)(length >> 8), (byte)length, 0, 0, 0x40, 0, 64, 17, 0, 0, .. Client.GetAddressBytes(), .. Server.GetAddressBytes()];
        var sum = Packets.InternetChecksum.Complement(Packets.InternetChecksum.Sum(header));
        (header[10], header[11]) = ((byte)(sum >> 8), (byte)sum);
        return [0x02, 0x42, 0x64, 0x42, 0x07, 0x14, .. ClientMac.GetAddressBytes(), 0x08, 0x00, .. header, .. udp];
    }
}
