using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Nat64Harness.Oracle;

/// <summary>
/// Reads the BIB a stateful Jool prints (<c>jool -i default bib display --tcp|--udp|--icmp --numeric</c>, with or
/// without <c>--csv</c>), tolerantly, because the layout changed between Jool versions.
/// </summary>
/// <remarks>
/// <para>Jool 4.x (<c>src/usr/argp/wargp/bib.c</c>) prints <c>[Dynamic TCP] 100.64.5.130#61234 - 2001:db8:5::2#40100</c>
/// (or <c>[Static UDP] …</c>), and with <c>--csv</c> the header <c>Protocol,IPv6 Address,IPv6 L4-ID,IPv4 Address,IPv4 L4-ID,Static?</c>
/// then rows <c>TCP,2001:db8:5::2,40100,100.64.5.130,61234,0</c>; without <c>--numeric</c> the IPv6 side may be a host
/// name, which this parser reports as unreadable. For ICMP the "port" is the echo identifier.</para>
/// <para>Accepted, line by line:</para>
/// <list type="bullet">
/// <item>Entry lines holding one <c>&lt;ipv4&gt;#&lt;port&gt;</c> and one <c>&lt;ipv6&gt;#&lt;port&gt;</c> (IPv6 optionally
/// in brackets), in either order, with any separators around them: <c>[Dynamic] 100.64.5.130#61234 - 2001:db8:5::20#45678</c>,
/// table rows like <c>| Static | 192.0.2.1#2000 | 2001:db8::6#2000 |</c>, and the like.</item>
/// <item>CSV rows holding an IPv6 address, its port, an IPv4 address and its port as consecutive fields, in either
/// order, e.g. <c>TCP,2001:db8:5::20,45678,100.64.5.130,61234,0</c>.</item>
/// <item>Section headers: a line with no entry that names a protocol — <c>TCP</c>, <c>UDP</c>, <c>ICMP</c> as a word
/// (<c>[BIB] TCP</c>, <c>TCP:</c>) or the flags <c>--tcp</c>, <c>--udp</c>, <c>--icmp</c> (a pasted command line).
/// An entry line that names a protocol itself (a CSV row's first field) uses that protocol instead.</item>
/// </list>
/// <para>Every other line is ignored (borders, column titles, "(Fetched n entries.)"), except one that holds an
/// address or a <c>#</c> but no complete entry, or an entry before any protocol: it is reported in
/// <see cref="JoolBibParseResult.Unreadable"/> with its line number and why.</para>
/// </remarks>
public static partial class JoolBibParser
{
    /// <summary>Parses BIB text; never throws on bad lines (they are reported).</summary>
    public static JoolBibParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<BibEntry>();
        var unreadable = new List<JoolBibLine>();
        BibProtocol? section = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var named = NamedProtocol(line);
            var pair = HashPair(line, out var problem) ?? CsvPair(line);
            if (pair is not { } found)
            {
                if (named is not null && problem is null && !LooksLikeAddress(line))
                {
                    section = named;
                }
                else if (problem is not null || LooksLikeAddress(line))
                {
                    unreadable.Add(new JoolBibLine(i + 1, line, problem ?? "holds an address but no <ipv6>#<port> and <ipv4>#<port> pair"));
                }

                continue;
            }

            if ((named ?? section) is not { } protocol)
            {
                unreadable.Add(new JoolBibLine(i + 1, line, "entry before any TCP/UDP/ICMP section header"));
                continue;
            }

            entries.Add(new BibEntry(protocol, found.Ipv6, found.Ipv4));
        }

        return new JoolBibParseResult(entries, unreadable);
    }

    private static (TransportAddress Ipv6, TransportAddress Ipv4)? HashPair(string line, out string? problem)
    {
        problem = null;
        TransportAddress? v4 = null;
        TransportAddress? v6 = null;
        var hashes = 0;
        foreach (Match match in Endpoint().Matches(line))
        {
            hashes++;
            if (!TransportAddress.TryParse(match.Value, out var endpoint))
            {
                problem = $"'{match.Value}' is not <address>#<port>";
                return null;
            }

            ref var slot = ref endpoint.Address.AddressFamily == AddressFamily.InterNetwork ? ref v4 : ref v6;
            if (slot is not null)
            {
                problem = $"two {(endpoint.Address.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} transport addresses";
                return null;
            }

            slot = endpoint;
        }

        if (v4 is { } ipv4 && v6 is { } ipv6)
        {
            return (ipv6, ipv4);
        }

        if (hashes > 0 || line.Contains('#', StringComparison.Ordinal))
        {
            problem = "needs one <ipv6>#<port> and one <ipv4>#<port>";
        }

        return null;
    }

    private static (TransportAddress Ipv6, TransportAddress Ipv4)? CsvPair(string line)
    {
        if (!line.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var fields = line.Split(',', StringSplitOptions.TrimEntries);
        TransportAddress? v4 = null;
        TransportAddress? v6 = null;
        for (var i = 0; i + 1 < fields.Length; i++)
        {
            if (IPAddress.TryParse(fields[i], out var address) && fields[i].Contains(address.AddressFamily == AddressFamily.InterNetwork ? '.' : ':')
                && ushort.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                if (address.AddressFamily == AddressFamily.InterNetwork)
                {
                    v4 ??= new TransportAddress(address, port);
                }
                else
                {
                    v6 ??= new TransportAddress(address, port);
                }

                i++;
            }
        }

        return v4 is { } ipv4 && v6 is { } ipv6 ? (ipv6, ipv4) : null;
    }

    private static BibProtocol? NamedProtocol(string line)
    {
        var match = ProtocolWord().Match(line);
        return match.Success
            ? match.Groups[1].Value.ToUpperInvariant() switch { "TCP" => BibProtocol.Tcp, "UDP" => BibProtocol.Udp, _ => BibProtocol.Icmp }
            : null;
    }

    private static bool LooksLikeAddress(string line) => Ipv4Like().IsMatch(line) || Ipv6Like().IsMatch(line);

    // An address-ish run (digits, hex, dots, colons, brackets, '%' zone) immediately followed by '#port'.
    [GeneratedRegex(@"\[?[0-9A-Fa-f:.%]*[.:][0-9A-Fa-f:.%]*\]?#[0-9A-Za-z]*")]
    private static partial Regex Endpoint();

    [GeneratedRegex(@"(?:^|[^A-Za-z])-{0,2}(tcp|udp|icmp)(?![A-Za-z])", RegexOptions.IgnoreCase)]
    private static partial Regex ProtocolWord();

    [GeneratedRegex(@"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b")]
    private static partial Regex Ipv4Like();

    [GeneratedRegex(@"[0-9A-Fa-f]{1,4}::?[0-9A-Fa-f]{0,4}:")]
    private static partial Regex Ipv6Like();
}
