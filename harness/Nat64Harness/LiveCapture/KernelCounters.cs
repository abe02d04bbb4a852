using System.Globalization;
using Nat64Harness.Containers;
using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>
/// The protocol counters of a container's network namespace (/proc/net/snmp6 and /proc/net/snmp), read before and
/// after an exchange: what changed says what its kernel did with packets no socket saw (truncated, bad checksum,
/// Packet Too Big sent). Names as the probe uses them: "Ip6InTruncatedPkts", "Tcp.InCsumErrors".
/// </summary>
public static class KernelCounters
{
    /// <summary>Reads every counter of <paramref name="container"/>'s namespace.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(HarnessContainer container, CancellationToken ct = default) =>
        Parse(await container.RunAsync(["cat", "/proc/net/snmp6", "/proc/net/snmp"], ct).ConfigureAwait(false));

    /// <summary>Parses the two files as <c>cat</c> prints them one after the other.</summary>
    public static IReadOnlyDictionary<string, long> Parse(string text)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        string[]? header = null;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Blanks of either kind: snmp6 puts a tab between a counter's name and its value.
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && !parts[0].EndsWith(':') && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var single))
            {
                counters[parts[0]] = single;
                continue;
            }

            // /proc/net/snmp: a line of names, then a line of values, both starting with "Tcp:".
            if (parts.Length > 1 && parts[0].EndsWith(':'))
            {
                if (header is not null && header[0] == parts[0] && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    for (var i = 1; i < Math.Min(header.Length, parts.Length); i++)
                    {
                        if (long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                        {
                            counters[$"{header[0].TrimEnd(':')}.{header[i]}"] = value;
                        }
                    }

                    header = null;
                }
                else
                {
                    header = parts;
                }
            }
        }

        return counters;
    }

    /// <summary>The counters that changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static CounterChanges Changes(string @namespace, IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        new(@namespace, after.Where(a => a.Value != before.GetValueOrDefault(a.Key)).ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key), StringComparer.Ordinal));
}
