using System.Globalization;
using DotNet.Testcontainers.Containers;
using Nat64Harness.LiveCapture;
using Nat64Harness.Model;

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
    // /proc/net/snmp's groups, whose lines also read "<name>: <numbers>".
    private static readonly HashSet<string> SnmpGroups = new(StringComparer.Ordinal) { "Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite" };
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
    /// "&lt;interface&gt; rx_drop" / "tx_drop" from dev, and from snmp and snmp6 those of
    /// <see cref="CounterChanges.DropCounters"/> as <see cref="KernelCounters"/> reads them ("Udp.RcvbufErrors",
    /// "Udp6SndbufErrors"). A dev line never pairs with the next as snmp's names and values do: each names another
    /// interface.
    /// </summary>
    internal static Dictionary<string, long> Parse(string text)
    {
        var counters = KernelCounters.Parse(text).Where(c => CounterChanges.DropCounters.Contains(c.Key)).ToDictionary(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            // dev: "eth0: rx_bytes rx_packets rx_errs rx_drop … tx_bytes tx_packets tx_errs tx_drop …"
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var fields = colon < 0 ? [] : line[(colon + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var device = colon < 0 ? "" : line[..colon].Trim();
            if (fields.Length == 16 && !SnmpGroups.Contains(device) && fields.All(f => f.All(char.IsAsciiDigit)))
            {
                counters[$"{device} rx_drop"] = long.Parse(fields[3], CultureInfo.InvariantCulture);
                counters[$"{device} tx_drop"] = long.Parse(fields[11], CultureInfo.InvariantCulture);
            }
        }

        return counters;
    }

    // "/nat64h-23-tayga" → "tayga"; "/nat64h-23-wireguard-server" → "wireguard-server".
    internal static string ShortName(string name)
    {
        var parts = name.TrimStart('/').Split('-', 3);
        return parts.Length == 3 && parts[0] == "nat64h" && int.TryParse(parts[1], CultureInfo.InvariantCulture, out _) ? parts[2] : name.TrimStart('/');
    }
}
