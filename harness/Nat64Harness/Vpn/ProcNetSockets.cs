using System.Globalization;
using System.Net;

namespace Nat64Harness.Vpn;

/// <summary>
/// Counts a per-app VPN's sockets from its namespace's /proc/net tables, when it keeps no statistics of its own
/// (containers/perapp-contract.md, "Sessions"): TCP sockets that are neither listening nor in TIME-WAIT (a closed
/// flow's TIME-WAIT is the kernel's, not the VPN's), and every UDP and ICMP socket; sockets bound to an app address
/// are the app's own (per-app-uid: the probe shares the namespace) and are left out.
/// </summary>
public static class ProcNetSockets
{
    /// <summary>The tables read, as <c>/proc/net/&lt;name&gt;</c>.</summary>
    public static readonly IReadOnlyList<string> Tables = ["tcp", "tcp6", "udp", "udp6", "icmp", "icmp6"];

    private const string Listen = "0A";
    private const string TimeWait = "06";

    /// <summary>The shell command printing every table, each after a line <c># name</c>.</summary>
    public static string Command => string.Join("; ", Tables.Select(t => $"echo '# {t}'; cat /proc/net/{t} 2>/dev/null"));

    /// <summary>Counts the sockets in <paramref name="output"/> (what <see cref="Command"/> printed).</summary>
    /// <exception cref="FormatException">A row whose local address does not parse (named with its table and line).</exception>
    public static int Count(string output, IReadOnlyCollection<IPAddress> appAddresses)
    {
        ArgumentNullException.ThrowIfNull(output);
        var count = 0;
        var table = "";
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                table = line[2..];
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[0] == "sl" || !fields[0].EndsWith(':'))
            {
                continue;
            }

            if (table.StartsWith("tcp", StringComparison.Ordinal) && fields[3] is Listen or TimeWait)
            {
                continue;
            }

            if (!appAddresses.Contains(LocalAddress(fields[1], table, line)))
            {
                count++;
            }
        }

        return count;
    }

    // "0100007F:0016" (IPv4) or 32 hex digits (IPv6), each 32-bit word in the kernel's (little-endian) byte order.
    private static IPAddress LocalAddress(string field, string table, string line)
    {
        var hex = field.Split(':')[0];
        if (hex.Length is not (8 or 32) || !hex.All(Uri.IsHexDigit))
        {
            throw new FormatException($"/proc/net/{table}: local address '{field}' is not hex: {line}");
        }

        var bytes = new byte[hex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            var value = uint.Parse(hex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
            if (!BitConverter.IsLittleEndian)
            {
                bytes.AsSpan(word * 4, 4).Reverse();
            }
        }

        return new IPAddress(bytes);
    }
}
