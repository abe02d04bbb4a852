using System.Buffers.Binary;
using System.Net;
using FluentAssertions;
using Nat64Harness.Capture;
using Nat64Harness.Model;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// The tunnel suite's checks of a VPN's routing and MTU, as assertions. The positive tests run them on a working VPN;
/// the negative tests run the same ones on a VPN broken on purpose and expect them to fail, naming the fault.
/// </summary>
public static class TunnelAssertions
{
    /// <summary>The client steers into the tunnel what the contract requires and nothing more.</summary>
    public static void RoutingConforms(TunnelRoutingReport report) =>
        report.Violations.Should().BeEmpty("the VPN must route exactly what containers/vpn-contract.md allows:\n{0}", report);

    /// <summary>Both ends declare one MTU and their kernels send exactly that, and it is the one the topology uses.</summary>
    public static void MtuAgrees(TunnelMtuReport report, int tunnelMtu)
    {
        report.Problems.Should().BeEmpty("the declared MTU must be what both kernels send:\n{0}", report);
        report.Effective.Should().Be(tunnelMtu);
    }

    /// <summary>Every DF packet from 1280 bytes up to the declared MTU crosses both ways, and the kernel claims no more.</summary>
    public static void SweepCarriesDeclared(MtuSweep sweep, int declared) =>
        sweep.Failure(declared).Should().BeNull("the tunnel must carry every size up to its declared MTU {0}: {1}", declared, sweep);

    /// <summary>The probe's SYN advertises the MSS of the declared MTU: MTU − 40 (IPv6) − 20 (TCP).</summary>
    public static void SynMssFits(ExchangeRun run, IPAddress probeSource, int declared)
    {
        var mss = SynMss(run.V6Pcap!, probeSource);
        mss.Should().NotBeEmpty("the probe's SYN must be on the IPv6 side of the router ({0})", run.V6Pcap);
        var expected = declared - 60;
        mss.Should().OnlyContain(m => m == expected, "the SYN's MSS must be the declared MTU {0} − 60 = {1} (the kernel derives it from the route's MTU), found {2}", declared, expected, string.Join(", ", mss));
    }

    /// <summary>The MSS option of every SYN (without ACK) from <paramref name="source"/> in an IPv6 capture.</summary>
    public static IReadOnlyList<int> SynMss(string pcap, IPAddress source)
    {
        var found = new List<int>();
        using var reader = PcapReader.Open(pcap);
        foreach (var ip in reader.ReadPackets().Select(p => p.Ip.ToArray()))
        {
            // IPv6 header (40 bytes, next header TCP), TCP flags at 13, data offset at 12, options from 20.
            if (ip.Length < 60 || ip[0] >> 4 != 6 || ip[6] != 6 || !new IPAddress(ip.AsSpan(8, 16)).Equals(source) || (ip[53] & 0x12) != 0x02)
            {
                continue;
            }

            var end = Math.Min(ip.Length, 40 + ((ip[52] >> 4) * 4));
            for (var at = 60; at < end;)
            {
                var kind = ip[at];
                if (kind == 0)
                {
                    break;
                }

                if (kind == 1 || at + 1 >= end)
                {
                    at++;
                    continue;
                }

                if (kind == 2 && at + 4 <= end)
                {
                    found.Add(BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(at + 2, 2)));
                }

                at += Math.Max(2, (int)ip[at + 1]);
            }
        }

        return found;
    }
}
