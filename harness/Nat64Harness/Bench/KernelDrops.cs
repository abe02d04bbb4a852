using System.Globalization;
using DotNet.Testcontainers.Containers;

namespace Nat64Harness.Bench;

/// <summary>
/// Where a path's kernels dropped packets: each container's /proc/net/dev (rx_drop, tx_drop per interface) and its
/// namespace's /proc/net/snmp and snmp6 error and discard counters, read before and after a UDP trial. A datagram
/// the tester sent and the receiver never counted is then named where it went: a router's TUN queue that overflowed
/// (measured: every datagram both tools lost through Tayga at 400 Mbit/s was its nat64 device's tx_drop), a
/// receiver's full socket buffer (Udp.RcvbufErrors), a sender's (Udp6SndbufErrors). Containers that share a
/// namespace (a probe behind a per-app VPN) show the same counters under each name. Counters of a Jool VM's guest
/// kernel are not visible from its container.
/// </summary>
internal sealed class KernelDrops(IReadOnlyList<IContainer> containers)
{
    private static readonly char[] Blanks = [' ', '\t'];
    private static readonly string[] Command = ["cat", "/proc/net/dev", "/proc/net/snmp", "/proc/net/snmp6"];

    /// <summary>Every drop and error counter of every container, named "&lt;container&gt; &lt;counter&gt;"; a container that cannot be read is left out.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(CancellationToken ct)
    {
        var reads = await Task.WhenAll(containers.Select(async c =>
        {
            try
            {
                var result = await c.ExecAsync(Command, ct).ConfigureAwait(false);
                return result.ExitCode == 0 ? (ShortName(c.Name), Parse(result.Stdout)) : (ShortName(c.Name), new Dictionary<string, long>());
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A container that stopped meanwhile: the trial's own result says what happened to the path.
                return (ShortName(c.Name), new Dictionary<string, long>());
            }
        })).ConfigureAwait(false);
        var all = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, counters) in reads)
        {
            foreach (var (counter, value) in counters)
            {
                all[$"{name} {counter}"] = value;
            }
        }

        return all;
    }

    /// <summary>The counters that rose from <paramref name="before"/> to <paramref name="after"/>, by how much.</summary>
    public static IReadOnlyDictionary<string, long> Rises(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Where(a => before.TryGetValue(a.Key, out var b) && a.Value > b)
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => a.Value - before[a.Key], StringComparer.Ordinal);

    /// <summary>
    /// The drop and error counters in the concatenation of /proc/net/dev, /proc/net/snmp and /proc/net/snmp6:
    /// "&lt;interface&gt; rx_drop" / "tx_drop", "Udp.RcvbufErrors", "Udp6SndbufErrors" and the like.
    /// </summary>
    internal static Dictionary<string, long> Parse(string text)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.Contains('|', StringComparison.Ordinal))
            {
                continue; // /proc/net/dev's two heading lines
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                // snmp6: "Udp6SndbufErrors    12"
                var pair = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
                if (pair.Length == 2 && long.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && IsDropCounter(pair[0]))
                {
                    counters[pair[0]] = v;
                }

                continue;
            }

            var owner = line[..colon];
            var fields = line[(colon + 1)..].Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
            var numbers = fields.Select(f => long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long?)null).ToArray();
            if (numbers.Any(n => n is null))
            {
                headers[owner] = fields; // snmp: "Udp: InDatagrams NoPorts InErrors ..."
            }
            else if (headers.Remove(owner, out var names))
            {
                for (var i = 0; i < Math.Min(names.Length, numbers.Length); i++)
                {
                    if (IsDropCounter(names[i]))
                    {
                        counters[$"{owner}.{names[i]}"] = numbers[i]!.Value;
                    }
                }
            }
            else if (numbers.Length >= 16)
            {
                // dev: "eth0: rx_bytes rx_packets rx_errs rx_drop … tx_bytes tx_packets tx_errs tx_drop …"
                counters[$"{owner} rx_drop"] = numbers[3]!.Value;
                counters[$"{owner} tx_drop"] = numbers[11]!.Value;
            }
        }

        return counters;
    }

    // Counters that count a packet lost or refused, not traffic.
    private static bool IsDropCounter(string name) =>
        name.Contains("Err", StringComparison.Ordinal) || name.Contains("Discard", StringComparison.Ordinal)
        || name.Contains("NoPorts", StringComparison.Ordinal) || name.Contains("NoRoutes", StringComparison.Ordinal);

    // "/nat64h-23-tayga" → "tayga"; "/nat64h-23-wireguard-server" → "wireguard-server".
    internal static string ShortName(string name)
    {
        var parts = name.TrimStart('/').Split('-', 3);
        return parts.Length == 3 && parts[0] == "nat64h" && int.TryParse(parts[1], CultureInfo.InvariantCulture, out _) ? parts[2] : name.TrimStart('/');
    }
}
