using System.Net;
using FluentAssertions;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>A VPN's sessions counted from its /proc/net tables when it keeps no statistics (slirp4netns).</summary>
[Trait("Category", "Unit")]
public sealed class ProcNetSocketsTests
{
    // Rows as the kernel prints them; addresses are 32-bit words in host (little-endian) order.
    private const string Tables = """
        # tcp
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
        # tcp6
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: B80D0120000000000000000030000000:A1B2 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1
           1: B80D0120000000000000000030000000:A1B3 9BFF640000000000000000000AC84064:0007 01 00000000:00000000 00:00000000 00000000     0        0 2
           2: B80D0120000000000000000030000000:A1B4 9BFF640000000000000000000AC84064:0007 06 00000000:00000000 00:00000000 00000000     0        0 3
           3: B80D01207700C8000000000002000000:A1B5 9BFF640000000000000000000AC84064:0007 01 00000000:00000000 00:00000000 00000000  1000        0 4
        # udp
           0: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 5
        # udp6
           0: 00000000000000000000000000000000:9C40 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 6
        # icmp
        # icmp6
        """;

    [Fact]
    public void Count_ListeningAndTimeWaitLeftOut_UdpCounted() =>
        ProcNetSockets.Count(Tables, []).Should().Be(4, "tcp6 rows 1 and 3 are established, row 0 listens, row 2 is in TIME-WAIT; both UDP sockets count");

    [Fact]
    public void Count_AnAppsOwnSocket_IsLeftOut() =>
        ProcNetSockets.Count(Tables, [IPAddress.Parse("2001:db8:c8:77::2")]).Should().Be(3, "row 3 is bound to the app's address (a per-app-uid probe shares the namespace)");

    [Fact]
    public void Count_AddressWordsDecodedInHostOrder()
    {
        // 2001:db8:c8:77::2 as /proc/net/tcp6 prints it on a little-endian machine: each 32-bit word byte-swapped
        var row = "# tcp6\n   0: B80D01207700C8000000000002000000:A1B5 9BFF640000000000000000000AC84064:0007 01 0 0 0 0 1000 0 4\n";

        ProcNetSockets.Count(row, []).Should().Be(1);
        ProcNetSockets.Count(row, [IPAddress.Parse("2001:db8:c8:77::2")]).Should().Be(0, "the app's own socket is not the VPN's session");
        ProcNetSockets.Count(row, [IPAddress.Parse("2001:db8:c8:77::3")]).Should().Be(1);
    }

    [Fact]
    public void Count_UnreadableAddress_NamesTableAndLine()
    {
        var count = () => ProcNetSockets.Count("# udp6\n   0: NOTHEX:0035 00000000:0000 07 0 0 0 0 0 0 5\n", []);

        count.Should().Throw<FormatException>().WithMessage("/proc/net/udp6: local address 'NOTHEX:0035' is not hex*");
    }
}
