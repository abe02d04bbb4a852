using System.Net;
using FluentAssertions;
using Nat64Harness.Model;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>An exchange's pcaps are found by capture point, never by position.</summary>
[Trait("Category", "Unit")]
public sealed class ExchangeRunTests
{
    private static readonly Exchange Udp = new(ExchangeKind.Udp, IPAddress.IPv6Loopback);

    [Fact]
    public void PcapOf_FindsEachPointWhateverTheOrder()
    {
        var run = new ExchangeRun("udp-echo", Udp, new ProbeResult { Exchange = Udp, Ok = true },
        [
            new CaptureFile(CapturePoint.Tun, "t.pcap", null),
            new CaptureFile(CapturePoint.V4Bridge, "v4.pcap", 6),
            new CaptureFile(CapturePoint.V6Bridge, "v6.pcap", 6),
        ]);

        (run.V6Pcap, run.V4Pcap, run.TunPcap).Should().Be(("v6.pcap", "v4.pcap", "t.pcap"));
        run.Pcaps.Should().Equal("t.pcap", "v4.pcap", "v6.pcap");
    }

    [Fact]
    public void PcapOf_PointNotCaptured_IsNull()
    {
        var run = new ExchangeRun("transfer", Udp, new ProbeResult { Exchange = Udp, Ok = true }, [new CaptureFile(CapturePoint.V6Bridge, "v6.pcap", 1)]);

        run.UnderlayPcap.Should().BeNull();
        run.PcapOf(new CapturePoint("dns")).Should().BeNull();
    }
}
