using FluentAssertions;
using Nat64Harness.Oracle;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class JoolBibParserTests
{
    private static BibEntry Entry(BibProtocol protocol, string ipv6, string ipv4) =>
        new(protocol, TransportAddress.Parse(ipv6), TransportAddress.Parse(ipv4));

    [Fact]
    public void Parse_SectionHeaderThenDynamicLine_ReadsEntry()
    {
        // Given: the shape in the task brief, IPv4 first
        const string text = "[BIB] TCP\n[Dynamic] 100.64.5.130#61234 - 2001:db8:5::20#45678\n";

        // When
        var result = JoolBibParser.Parse(text);

        // Then
        result.Entries.Should().Equal(Entry(BibProtocol.Tcp, "2001:db8:5::20#45678", "100.64.5.130#61234"));
        result.Unreadable.Should().BeEmpty();
    }

    [Fact]
    public void Parse_Jool4LinesWithProtocolInTheTag_NeedNoSectionHeader()
    {
        // Given: Jool 4.x `bib display --numeric` prints "[Dynamic|Static PROTO] ipv4#port - ipv6#port"
        const string text = """
            [Dynamic TCP] 100.64.5.130#61234 - 2001:db8:5::2#40100
            [Static UDP] 100.64.5.131#61001 - 2001:db8:5::3#53
            [Dynamic ICMP] 100.64.5.130#61500 - 2001:db8:5::2#119
            """;

        // When
        var result = JoolBibParser.Parse(text);

        // Then
        result.Entries.Should().Equal(
            Entry(BibProtocol.Tcp, "2001:db8:5::2#40100", "100.64.5.130#61234"),
            Entry(BibProtocol.Udp, "2001:db8:5::3#53", "100.64.5.131#61001"),
            Entry(BibProtocol.Icmp, "2001:db8:5::2#119", "100.64.5.130#61500"));
        result.Unreadable.Should().BeEmpty();
    }

    [Fact]
    public void Parse_CsvWithHostNameInsteadOfIpv6_IsReported()
    {
        // Given: `--csv` without `--numeric` may resolve the IPv6 address to a name
        const string text = "Protocol,IPv6 Address,IPv6 L4-ID,IPv4 Address,IPv4 L4-ID,Static?\nTCP,client.example,40100,100.64.5.130,61234,0\n";

        // When
        var result = JoolBibParser.Parse(text);

        // Then
        result.Entries.Should().BeEmpty();
        result.Unreadable.Should().ContainSingle().Which.LineNumber.Should().Be(2);
    }

    [Fact]
    public void Parse_TableRowsIpv6FirstUnderFlagHeaders_ReadsEachProtocol()
    {
        // Given: pasted command lines as headers, table borders, column titles, a count line, CRLF endings
        const string text = "$ jool -i default bib display --udp --numeric\r\n"
            + "+---------+-------------------------+------------------+\r\n"
            + "| Static? | IPv6 transport address  | IPv4 transport address |\r\n"
            + "|   0     | [2001:db8:5::2]#40100   | 100.64.5.130#61001 |\r\n"
            + "(Fetched 1 entries.)\r\n"
            + "$ jool -i default bib display --icmp --numeric\r\n"
            + "|   0     | 2001:db8:5::2#119       | 100.64.5.130#61500 |\r\n";

        // When
        var result = JoolBibParser.Parse(text);

        // Then
        result.Entries.Should().Equal(
            Entry(BibProtocol.Udp, "2001:db8:5::2#40100", "100.64.5.130#61001"),
            Entry(BibProtocol.Icmp, "2001:db8:5::2#119", "100.64.5.130#61500"));
        result.Unreadable.Should().BeEmpty();
    }

    [Fact]
    public void Parse_CsvRows_TakeProtocolFromTheRow()
    {
        // Given: --csv output (protocol per row, address and port in separate fields)
        const string text = """
            Protocol,IPv6 Address,IPv6 L4-ID,IPv4 Address,IPv4 L4-ID,Static?
            TCP,2001:db8:5::2,40100,100.64.5.130,61234,0
            UDP,100.64.5.130,61235,2001:db8:5::2,40101,1
            """;

        // When
        var result = JoolBibParser.Parse(text);

        // Then
        result.Entries.Should().Equal(
            Entry(BibProtocol.Tcp, "2001:db8:5::2#40100", "100.64.5.130#61234"),
            Entry(BibProtocol.Udp, "2001:db8:5::2#40101", "100.64.5.130#61235"));
        result.Unreadable.Should().BeEmpty();
    }

    [Fact]
    public void Parse_GarbageLines_AreReportedWithLineNumberOrIgnored()
    {
        // Given
        const string text = """
            TCP
            [Dynamic] 100.64.5.130#61234 - 2001:db8:5::2#40100
            [Dynamic] 100.64.5.130#61235 - garbage
            [Dynamic] 100.64.5.130#99999 - 2001:db8:5::2#40101
            [Dynamic] 100.64.5.130#61236 - 100.64.5.131#61237
            sent to 2001:db8:5::2 port 40102
            ----------------------------------
            random words without addresses
            """;

        // When
        var result = JoolBibParser.Parse(text);

        // Then
        result.Entries.Should().ContainSingle().Which.Should().Be(Entry(BibProtocol.Tcp, "2001:db8:5::2#40100", "100.64.5.130#61234"));
        result.Unreadable.Select(l => l.LineNumber).Should().Equal(3, 4, 5, 6);
        result.Unreadable[0].Reason.Should().Contain("one <ipv6>#<port> and one <ipv4>#<port>");
        result.Unreadable[1].Reason.Should().Contain("100.64.5.130#99999");
        result.Unreadable[2].Reason.Should().Contain("two IPv4");
    }

    [Fact]
    public void Parse_EntryBeforeAnySection_IsReported()
    {
        // When
        var result = JoolBibParser.Parse("[Dynamic] 100.64.5.130#61234 - 2001:db8:5::2#40100");

        // Then
        result.Entries.Should().BeEmpty();
        result.Unreadable.Should().ContainSingle().Which.Reason.Should().Contain("section");
    }

    [Fact]
    public void ToMapping_ParsedBib_LooksUpBothWaysPerProtocol()
    {
        // Given
        var mapping = JoolBibParser.Parse(Support.StatefulPairs.BibText).ToMapping(System.Net.IPNetwork.Parse("100.64.5.128/26"));

        // When / Then
        mapping.ToIpv4(BibProtocol.Udp, TransportAddress.Parse("2001:db8:5::2#40100")).Should().Be(TransportAddress.Parse("100.64.5.130#61234"));
        mapping.ToIpv6(BibProtocol.Icmp, TransportAddress.Parse("100.64.5.130#61500")).Should().Be(TransportAddress.Parse("2001:db8:5::2#119"));
        mapping.ToIpv6(BibProtocol.Icmp, TransportAddress.Parse("100.64.5.130#61234")).Should().BeNull("the TCP/UDP entry is not an ICMP one");
        mapping.IsPoolAddress(System.Net.IPAddress.Parse("100.64.5.190")).Should().BeTrue();
        mapping.IsPoolAddress(System.Net.IPAddress.Parse("100.64.5.10")).Should().BeFalse();
    }

    [Theory]
    [InlineData("61001-65535", true, 61001, 65535)] // Jool's default pool4 range
    [InlineData("80", true, 80, 80)]                // a single port
    [InlineData("65535-61001", false, 0, 0)]        // reversed
    [InlineData("61001-70000", false, 0, 0)]        // beyond 16 bits
    public void PortRange_TryParse_AcceptsOrderedRanges(string text, bool ok, int first, int last)
    {
        // When
        var parsed = PortRange.TryParse(text, out var range);

        // Then
        parsed.Should().Be(ok);
        if (ok)
        {
            ((int)range.First, (int)range.Last).Should().Be((first, last));
        }
    }
}
