using FluentAssertions;
using Nat64Harness.Bench;
using Nat64Harness.Model;
using Xunit;

namespace Nat64Harness.Tests.Unit.Bench;

/// <summary>
/// The bench's account of where a UDP trial's lost datagrams went: the drop counters read from /proc/net/dev,
/// /proc/net/snmp and /proc/net/snmp6 (this host's own files as well as a fixed sample), the counters that rose,
/// and the table's line naming them.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KernelDropsTests
{
    // The three files as `cat` prints them in a Tayga container (trimmed; snmp6 separates with tabs), and a per-app
    // VPN's device line.
    private const string Sample = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
         nat64: 104857600  83334    0    0    0     0          0         0 104857600  83334    0 1404    0     0       0          0
          eth0: 104857600  83334    0    7    0     0          0         0 104857600  83334    0    0    0     0       0          0
        nat64h0: 5000  40    0    0    0     0          0         0 5000  40    0    3921    0     0       0          0
        Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams InUnknownProtos InDiscards InDelivers OutRequests OutDiscards OutNoRoutes
        Ip: 1 64 83334 0 0 83334 0 3 0 0 0 2
        Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens InErrs
        Tcp: 1 200 120000 -1 0 0
        Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
        Udp: 10 1 5 10 5 0 0 0 0
        Ip6InReceives                   	83334
        Ip6InDiscards                   	0
        Udp6InDatagrams                 	10
        Udp6SndbufErrors                	4
        """;

    [Fact]
    public void Parse_ProcFiles_KeepsEveryDropAndErrorCounter_AndNoTrafficCounter()
    {
        // When the sample is parsed
        var counters = KernelDrops.Parse(Sample);

        // Then the devices' drops, snmp's error and discard columns (by their header) and snmp6's are there
        counters.Should().Contain("nat64 tx_drop", 1404).And.Contain("eth0 rx_drop", 7).And.Contain("lo tx_drop", 0)
            .And.Contain("nat64h0 tx_drop", 3921, "a name of 7 characters has no blank before it");
        counters.Should().Contain("Ip.InDiscards", 3).And.Contain("Ip.OutNoRoutes", 2).And.Contain("Udp.NoPorts", 1)
            .And.Contain("Udp.InErrors", 5).And.Contain("Udp.RcvbufErrors", 5).And.Contain("Tcp.InErrs", 0);
        counters.Should().Contain("Udp6SndbufErrors", 4).And.Contain("Ip6InDiscards", 0);

        // And counts of traffic are not drops
        counters.Keys.Should().NotContain(k => k.Contains("InReceives") || k.Contains("InDatagrams") || k.Contains("MaxConn") || k.Contains("Forwarding"));
    }

    [Fact]
    public void Parse_ThisHostsOwnFiles_FindsTheLoopbacksDropsAndTheUdpErrors()
    {
        // Given this machine's own files, as the kernel writes them today
        var text = string.Concat(new[] { "/proc/net/dev", "/proc/net/snmp", "/proc/net/snmp6" }.Select(File.ReadAllText));

        // When parsed
        var counters = KernelDrops.Parse(text);

        // Then the loopback's drops and the UDP receive-buffer errors of both families are read
        counters.Should().ContainKeys("lo rx_drop", "lo tx_drop", "Udp.RcvbufErrors", "Udp.InErrors", "Udp6RcvbufErrors", "Udp6SndbufErrors");
    }

    [Fact]
    public void Parse_GarbageOrAValuesLineWithoutItsHeader_GivesNothingFromIt()
    {
        // Given text that is not the kernel's: a values line with no header, short device lines, words
        var counters = KernelDrops.Parse("Udp: 1 2 3\nbogus: 1 2\nhello world\n\n|||\nUdp6InErrors x\n");

        // Then nothing is made up
        counters.Should().BeEmpty();
    }

    [Fact]
    public void Rises_BetweenTwoReads_AreOnlyTheCountersThatGrew()
    {
        var before = new Dictionary<string, long> { ["tayga nat64 tx_drop"] = 10, ["echo Udp.RcvbufErrors"] = 3, ["probe Udp6SndbufErrors"] = 0 };
        var after = new Dictionary<string, long> { ["tayga nat64 tx_drop"] = 1414, ["echo Udp.RcvbufErrors"] = 3, ["probe Udp6SndbufErrors"] = 0, ["new eth1 rx_drop"] = 9 };

        // A counter seen only afterwards (a container that came up meanwhile) has no known start: not a rise
        KernelDrops.Rises(before, after).Should().Equal(new Dictionary<string, long> { ["tayga nat64 tx_drop"] = 1404 });
    }

    [Theory]
    [InlineData("/nat64h-23-tayga", "tayga")]
    [InlineData("/nat64h-7-wireguard-server", "wireguard-server")]
    [InlineData("/someone-elses", "someone-elses")]
    public void ShortName_OfAContainer_DropsTheRunsPrefix(string name, string expected) =>
        KernelDrops.ShortName(name).Should().Be(expected);

    [Fact]
    public void LossSites_FailingTrials_AreNamedWithTheCountersThatRose_PerTool()
    {
        // Given a path whose own search failed twice at the router's TUN queue and whose iperf3 search lost
        // datagrams where no counter rose, and a passing trial with a counter that must not be summed
        var own = Search(
            Trial(400e6, 83334, 83334 - 1404, ("tayga nat64 tx_drop", 1404)),
            Trial(380e6, 79167, 79167 - 200, ("tayga nat64 tx_drop", 190), ("echo Udp.RcvbufErrors", 10)),
            Trial(300e6, 62500, 62500, ("tayga nat64 tx_drop", 999)));
        var iperf3 = Search(Trial(400e6, 83331, 83331 - 436));
        var run = Run(new PathResult("baseline/tayga", "none", RouterKind.Tayga) { UdpSearches = [own], Iperf3UdpSearches = [iperf3] });

        // When the table names the loss
        var text = BenchTable.LossSites(run);

        // Then each tool's failing trials, their loss and the counters are on its line
        text.Should().Contain("baseline/tayga         own    2 trials, 1604 lost: tayga nat64 tx_drop 1594, echo Udp.RcvbufErrors 10");
        text.Should().Contain("iperf3 1 trial, 436 lost: no drop counter rose");
        text.Should().NotContain("2593", "a passing trial's counters are not part of the loss");
        BenchTable.Render(run).Should().Contain(text);
    }

    [Fact]
    public void LossSites_NoTrialOverTheThreshold_IsLeftOut()
    {
        var clean = Search(Trial(300e6, 62500, 62500, ("tayga nat64 tx_drop", 3)));
        var run = Run(new PathResult("baseline/tayga", "none", RouterKind.Tayga) { UdpSearches = [clean], Iperf3UdpSearches = [clean] });

        BenchTable.LossSites(run).Should().BeEmpty();
        BenchTable.Render(run).Should().NotContain("udp loss in the trials");
    }

    private static RateTrial Trial(double offered, long sent, long received, params (string Counter, long Rise)[] drops) =>
        new(offered, offered, sent, received) { Drops = drops.ToDictionary(d => d.Counter, d => d.Rise) };

    private static RateSearchResult Search(params RateTrial[] trials) =>
        new(trials.Where(t => t.Loss <= 0.001).Select(t => (double?)t.SentBitsPerSecond).Max(), RateSearchOutcome.Converged, null, trials);

    private static BenchRun Run(PathResult path) =>
        new(BenchOptions.Quick, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, new LoadSummary(0, 0, 0, 0, 2), "iperf3 3.12", [path], []);
}
