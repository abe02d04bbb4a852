namespace Nat64Harness.Model;

/// <summary>The kernel counters of one network namespace (/proc/net/snmp, /proc/net/snmp6) that changed during an exchange.</summary>
/// <param name="Namespace">Whose: "probe" (the probe's namespace, shared with a VPN client), or a container's name.</param>
/// <param name="Changes">Counter name (Ip6InTruncatedPkts, Tcp.InCsumErrors) → change.</param>
public sealed record CounterChanges(string Namespace, IReadOnlyDictionary<string, long> Changes)
{
    /// <summary>
    /// Counters that count packets a kernel discarded or refused, or errors it sent: a change in one of them is
    /// evidence, where InReceives and the like are only traffic.
    /// </summary>
    public static IReadOnlySet<string> DropCounters { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Ip6InHdrErrors", "Ip6InTooBigErrors", "Ip6InNoRoutes", "Ip6InAddrErrors", "Ip6InUnknownProtos", "Ip6InTruncatedPkts",
        "Ip6InDiscards", "Ip6OutDiscards", "Ip6OutNoRoutes", "Ip6ReasmFails", "Ip6FragFails",
        "Icmp6InErrors", "Icmp6InCsumErrors", "Icmp6InDestUnreachs", "Icmp6InPktTooBigs", "Icmp6InTimeExcds", "Icmp6InParmProblems",
        "Icmp6OutDestUnreachs", "Icmp6OutPktTooBigs", "Icmp6OutTimeExcds", "Icmp6OutParmProblems",
        "Udp6InErrors", "Udp6RcvbufErrors", "Udp6SndbufErrors", "Udp6InCsumErrors", "Udp6NoPorts",
        "Ip.InHdrErrors", "Ip.InAddrErrors", "Ip.InUnknownProtos", "Ip.InDiscards", "Ip.OutDiscards", "Ip.OutNoRoutes",
        "Ip.ReasmFails", "Ip.FragFails", "Icmp.InErrors", "Icmp.InCsumErrors", "Icmp.InDestUnreachs", "Icmp.OutDestUnreachs",
        "Tcp.InErrs", "Tcp.InCsumErrors", "Tcp.RetransSegs", "Tcp.OutRsts", "Tcp.AttemptFails",
        "Udp.InErrors", "Udp.RcvbufErrors", "Udp.SndbufErrors", "Udp.InCsumErrors", "Udp.NoPorts",
    };

    /// <summary>The changed counters that are evidence of drops and errors (<see cref="DropCounters"/>).</summary>
    public IEnumerable<KeyValuePair<string, long>> Drops => Changes.Where(c => DropCounters.Contains(c.Key) && c.Value > 0);

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}: {string.Join(", ", Drops.Select(c => $"{c.Key} +{c.Value}"))}";
}
