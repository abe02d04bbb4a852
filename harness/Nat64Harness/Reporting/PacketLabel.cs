using System.Globalization;
using Nat64Harness.Oracle;
using Nat64Harness.Packets;

namespace Nat64Harness.Reporting;

/// <summary>The key fields of a packet, short enough to sit on an arrow: protocol, ports, flags, length, hop limit, fragment.</summary>
internal static class PacketLabel
{
    private static readonly string[] TcpFlagNames = ["F", "S", "R", "P", ".", "U", "E", "C"];

    /// <summary>The short label and the full description (addresses included) of a decoded packet.</summary>
    public static (string Label, string Detail) Of(IpPacket packet, int length)
    {
        var hop = packet.Version == 4 ? $"ttl {packet.HopLimit}" : $"hl {packet.HopLimit}";
        var fragment = packet.Fragment is { IsAtomic: false } f ? string.Create(CultureInfo.InvariantCulture, $" frag @{f.Offset * 8}{(f.MoreFragments ? " MF" : string.Empty)}") : string.Empty;
        var label = packet.Protocol switch
        {
            IpProtocol.Tcp when packet.SourcePort is not null => $"TCP {packet.SourcePort}→{packet.DestinationPort} [{TcpFlags(packet)}] len {TcpPayload(packet)}",
            IpProtocol.Udp when packet.SourcePort is not null => $"UDP {packet.SourcePort}→{packet.DestinationPort} len {Math.Max(0, packet.Upper.Length - 8)}",
            IpProtocol.Icmp or IpProtocol.IcmpV6 when packet.Icmp is { } icmp => Icmp(packet.Version, icmp),
            _ => $"IPv{packet.Version} proto {packet.Protocol}",
        };
        var detail = string.Create(CultureInfo.InvariantCulture, $"{TranslationOracle.Describe(packet)}; {length} bytes, {hop}");
        return (string.Create(CultureInfo.InvariantCulture, $"{label} {hop}{fragment}"), detail);
    }

    private static string TcpFlags(IpPacket packet)
    {
        var upper = packet.Upper.Span;
        if (!TcpHeader.TryParse(upper, out var tcp))
        {
            return "?";
        }

        var flags = tcp.Flags;
        var text = string.Concat(Enumerable.Range(0, 8).Where(bit => (flags & (1 << bit)) != 0 && bit != 4).Select(bit => TcpFlagNames[bit]));
        return (flags & 0x10) != 0 ? text + "." : text;
    }

    // The TCP payload: what follows the header its data offset declares.
    private static int TcpPayload(IpPacket packet)
    {
        var upper = packet.Upper.Span;
        return upper.Length >= 13 ? Math.Max(0, upper.Length - ((upper[12] >> 4) * 4)) : 0;
    }

    private static string Icmp(int version, IcmpMessage icmp)
    {
        var name = (version, icmp.Type) switch
        {
            (6, 128) or (4, 8) => $"echo-req id {icmp.Identifier} seq {icmp.SequenceNumber}",
            (6, 129) or (4, 0) => $"echo-rep id {icmp.Identifier} seq {icmp.SequenceNumber}",
            (6, 1) or (4, 3) => $"unreach {icmp.Type}/{icmp.Code}",
            (6, 2) => $"too-big mtu {icmp.RestOfHeader}",
            (6, 3) or (4, 11) => $"time-exceeded {icmp.Type}/{icmp.Code}",
            (6, 4) or (4, 12) => $"param-problem {icmp.Type}/{icmp.Code}",
            _ => $"{icmp.Type}/{icmp.Code}",
        };
        var inner = icmp.Inner is { } p ? $" ⟨{(p.Protocol switch { IpProtocol.Tcp => "TCP", IpProtocol.Udp => "UDP", _ => "IP" })}⟩" : string.Empty;
        return $"ICMPv{(version == 6 ? "6" : "4")} {name}{inner}";
    }
}
