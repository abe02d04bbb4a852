using System.Globalization;
using System.Net;

namespace Nat64Harness.Model;

/// <summary>
/// One IPv6 route as <c>ip -6 route</c> prints it (iproute2 or BusyBox): its type, destination, device, table
/// and MTU, with the line itself for reports. A route of the main table prints no <c>table</c>; nexthop lines of
/// a multipath route add their devices to the route above them.
/// </summary>
/// <param name="Type">unicast (printed as nothing), or the type word: local, anycast, multicast, unreachable, prohibit, blackhole, throw.</param>
/// <param name="Destination">The destination prefix (<c>default</c> is ::/0).</param>
/// <param name="Devices">Every device the route sends through (one, or one per nexthop; none for unreachable and the like).</param>
/// <param name="Table">The table: <c>main</c> when not printed, else as printed (<c>local</c>, <c>220</c>).</param>
/// <param name="Mtu">The route's <c>mtu</c> metric (also <c>mtu lock N</c>), or null.</param>
/// <param name="Line">The route as printed.</param>
public sealed record KernelRoute(string Type, IPNetwork Destination, IReadOnlyList<string> Devices, string Table, int? Mtu, string Line)
{
    private static readonly HashSet<string> TypeWords = new(StringComparer.Ordinal)
    {
        "unicast", "local", "broadcast", "anycast", "multicast", "unreachable", "prohibit", "blackhole", "throw", "nat",
    };

    /// <summary>Every route of <c>ip -6 route show table all</c> (or any other listing); blank lines are skipped.</summary>
    /// <exception cref="FormatException">A line whose destination is not an IPv6 prefix; the message quotes it.</exception>
    public static IReadOnlyList<KernelRoute> ParseListing(string output)
    {
        var routes = new List<KernelRoute>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && routes.Count > 0)
            {
                // "\tnexthop via fe80::1 dev eth0 weight 1": one more path of the route above.
                var last = routes[^1];
                routes[^1] = last with { Devices = [.. last.Devices, .. Words(line, "dev")], Line = last.Line + "\n" + line };
                continue;
            }

            routes.Add(Parse(line));
        }

        return routes;
    }

    /// <summary>One route line. <c>ip route get</c>'s answer parses too (its destination is a /128 with a <c>from</c>).</summary>
    /// <exception cref="FormatException">The destination is not an IPv6 prefix; the message quotes the line.</exception>
    public static KernelRoute Parse(string line)
    {
        var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            throw new FormatException("an empty line is no route");
        }

        var at = 0;
        var type = "unicast";
        if (TypeWords.Contains(words[0]))
        {
            type = words[0];
            at = 1;
        }

        if (at >= words.Length || !TryPrefix(words[at], out var destination))
        {
            throw new FormatException($"'{line}' does not start with an IPv6 destination");
        }

        var table = Words(line, "table").FirstOrDefault() ?? "main";
        return new KernelRoute(type, destination, Words(line, "dev"), table, MtuOf(words), line);
    }

    /// <summary>True when the route sends through <paramref name="device"/>.</summary>
    public bool Uses(string device) => Devices.Contains(device, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Line;

    private static int? MtuOf(string[] words)
    {
        for (var i = 0; i < words.Length - 1; i++)
        {
            if (words[i] != "mtu")
            {
                continue;
            }

            var value = words[i + 1] == "lock" && i + 2 < words.Length ? words[i + 2] : words[i + 1];
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var mtu) ? mtu : null;
        }

        return null;
    }

    // Each word that follows the keyword, in order ("dev eth0 ... dev wg0" in a multipath route).
    private static List<string> Words(string line, string keyword)
    {
        var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var found = new List<string>();
        for (var i = 0; i < words.Length - 1; i++)
        {
            if (words[i] == keyword)
            {
                found.Add(words[i + 1]);
            }
        }

        return found;
    }

    private static bool TryPrefix(string text, out IPNetwork network)
    {
        if (text == "default")
        {
            network = new IPNetwork(IPAddress.IPv6Any, 0);
            return true;
        }

        network = default;
        if (!IPAddress.TryParse(text.Split('/')[0], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return false;
        }

        try
        {
            // The kernel clears host bits itself; masking keeps a hand-written listing parseable too.
            network = IPNetworkExtensions.ParseMasked(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }
    }
}
