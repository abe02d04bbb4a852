using System.Text;
using Nat64Harness.Capture;
using Nat64Harness.Golden;
using Nat64Harness.Model;
using Nat64Harness.Packets;

namespace Nat64Harness.Verification;

/// <summary>
/// Compares what two NAT64 routers put on the wire for the same exchange, field by field after the golden
/// normaliser (so only differences that are not run-to-run noise remain), and names the clause behind each.
/// Ports and ICMP identifiers are normalised away there, so whether a router keeps the client's port
/// (stateless) or maps it into its pool (stateful) is reported as a row of its own.
/// </summary>
public static class CrossTranslator
{
    /// <summary>The differences between two runs of one scenario.</summary>
    public static IReadOnlyList<CrossDifference> Compare(string scenario, ExchangeRun a, ExchangeRun b)
    {
        var rows = new List<CrossDifference>();
        foreach (var (side, pa, pb) in new[] { ("v4", a.V4Pcap, b.V4Pcap), ("v6", a.V6Pcap, b.V6Pcap) })
        {
            if (pa is null || pb is null)
            {
                continue;
            }

            var comparison = GoldenComparer.Compare(Read(pa), Read(pb));
            rows.AddRange(comparison.Differences.Select(d => new CrossDifference(scenario, side, d.PacketIndex, d.Field, d.Expected, d.Seen, Clause(d.Field))));
        }

        var portA = SourcePortKept(a);
        var portB = SourcePortKept(b);
        if (portA != portB && portA is not null && portB is not null)
        {
            rows.Add(new CrossDifference(scenario, "v4", 0, "client port / identifier", Describe(portA.Value), Describe(portB.Value),
                "RFC 7915 §4.1/§5.1 keep it (stateless); RFC 6146 §3.5.1/§3.5.3 map it into pool4 (stateful)"));
        }

        return rows;
    }

    /// <summary>The table as text.</summary>
    public static string Render(string nameA, string nameB, IEnumerable<CrossDifference> rows)
    {
        var list = rows.ToList();
        var sb = new StringBuilder($"cross-translator differences: {nameA} vs {nameB} ({list.Count} fields)\n");
        sb.AppendLine("summary (field: packets that differ, scenarios, first values, clause)");
        foreach (var g in list.GroupBy(r => r.Field))
        {
            var first = g.First();
            sb.AppendLine($"  {g.Key}: {g.Count()} packets in {string.Join(", ", g.Select(r => r.Scenario).Distinct())}; {nameA} {Cut(first.A)}, {nameB} {Cut(first.B)}; {first.Rfc}");
        }

        sb.AppendLine();
        sb.AppendLine($"{"scenario",-14} {"side",-4} {"pkt",3}  {"field",-26} {nameA,-28} {nameB,-28} clause");
        foreach (var r in list)
        {
            sb.AppendLine($"{r.Scenario,-14} {r.Side,-4} {r.Packet,3}  {r.Field,-26} {Cut(r.A),-28} {Cut(r.B),-28} {r.Rfc}");
        }

        return sb.ToString();
    }

    // Field names are the oracle's and the golden extractor's one vocabulary (FieldNames).
    private static string Clause(string field) => field switch
    {
        FieldNames.Ipv4Df => "RFC 7915 §5.1 (DF: 0 up to 1260 bytes) vs RFC 6145 §5.1 (always 1)",
        FieldNames.Ipv4Ttl or FieldNames.Ipv6HopLimit => "RFC 7915 §4.1/§5.1 (one decrement per translation; forwarding hops add theirs)",
        FieldNames.Ipv4Identification => "RFC 7915 §5.1 (identification chosen by the translator)",
        FieldNames.Ipv4Source or FieldNames.Ipv4Destination or FieldNames.Ipv6Source or FieldNames.Ipv6Destination => "RFC 6052 §2 / RFC 6146 §3.5 (pool4 address selection)",
        FieldNames.Ipv6FlowLabel => "RFC 7915 §4.1 (flow label 0)",
        FieldNames.Ipv6TrafficClass or FieldNames.Ipv4Tos => "RFC 7915 §4.1/§5.1 (TOS ↔ traffic class)",
        FieldNames.Ipv4TotalLength or FieldNames.Ipv6PayloadLength => "RFC 7915 §4.1/§5.1 (lengths follow the header change)",
        FieldNames.Ipv4Mf or FieldNames.Ipv4FragmentOffset or FieldNames.Ipv6FragmentOffset or FieldNames.Ipv6FragmentM or FieldNames.Ipv6FragmentIdentification
            => "RFC 7915 §4.1/§5.1.1 (fragment fields carried across)",
        FieldNames.TcpWindow or FieldNames.TcpOptions or FieldNames.TcpUrgentPointer or FieldNames.TcpDataOffset => "RFC 7915 §4.5/§5.5 (transport header unchanged)",
        _ when field.EndsWith("checksum", StringComparison.Ordinal) => "RFC 7915 §4.5/§5.5 (checksums recomputed)",
        _ when field.Contains("port", StringComparison.Ordinal) => "RFC 6146 §3.5.1 (port mapping)",
        _ when field.Contains("identifier", StringComparison.Ordinal) => "RFC 6146 §3.5.3 (ICMP identifier mapping)",
        _ => "RFC 7915",
    };

    private static bool? SourcePortKept(ExchangeRun run)
    {
        if (run.V6Pcap is null || run.V4Pcap is null)
        {
            return null;
        }

        var v6 = FirstTransportId(run.V6Pcap);
        var v4 = FirstTransportId(run.V4Pcap);
        return v6 is null || v4 is null ? null : v6 == v4;
    }

    // The first packet's source port (TCP/UDP) or echo identifier: the client's on the v6 side, the translator's on the v4 side.
    private static int? FirstTransportId(string pcap)
    {
        var first = Read(pcap).FirstOrDefault();
        if (first.Ip.IsEmpty || !Packets.IpPacket.TryParse(first.Ip, embedded: false, out var ip, out _))
        {
            return null;
        }

        return ip.SourcePort ?? (ip.Icmp is { } icmp ? icmp.Identifier : null);
    }

    private static string Describe(bool kept) => kept ? "kept the client's" : "mapped to pool4's";

    private static string Cut(string s) => s.Length <= 28 ? s : s[..25] + "...";

    private static List<CapturedPacket> Read(string pcap)
    {
        using var reader = PcapReader.Open(pcap);
        return reader.ReadPackets().ToList();
    }
}
