using FluentAssertions;
using Nat64Harness.LiveCapture;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// The namespace counters read around an exchange (<see cref="KernelCounters"/>): snmp6 as the kernel writes it, a
/// tab between name and value, and snmp's lines of names and values.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KernelCountersTests
{
    [Fact]
    public void Parse_Snmp6WithTabsAndSnmp_ReadsBoth()
    {
        // Given the two files as cat prints them (snmp6: "%-32s\t%lu")
        const string text = "Ip6InReceives                   \t83334\nIp6InTruncatedPkts              \t2\n"
            + "Udp: InDatagrams NoPorts InErrors RcvbufErrors\nUdp: 10 1 5 5\n";

        // When parsed
        var counters = KernelCounters.Parse(text);

        // Then every counter of both is there under the probe's names
        counters.Should().Contain("Ip6InReceives", 83334).And.Contain("Ip6InTruncatedPkts", 2).And.Contain("Udp.RcvbufErrors", 5).And.Contain("Udp.NoPorts", 1);
    }

    [Fact]
    public void Parse_ThisHostsOwnFiles_ReadsSnmp6()
    {
        var counters = KernelCounters.Parse(File.ReadAllText("/proc/net/snmp6") + File.ReadAllText("/proc/net/snmp"));

        counters.Should().ContainKeys("Ip6InReceives", "Udp6RcvbufErrors", "Ip6InTruncatedPkts", "Udp.RcvbufErrors", "Tcp.InCsumErrors");
    }
}
