using System.Globalization;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Which packet of a pair was the original, from evidence: the original is captured before its translation (each
/// capture holds both directions, so the capture a packet is in says nothing by itself). Only when both carry the
/// same timestamp is the direction ambiguous; then, in order: the hop limit (the translation has one to
/// 1 + forwarding hops less), the addresses (IPv6 destination inside the prefix and source outside: going in; the
/// reverse: coming out — inconclusive for SIIT, where both are mapped), the order of the records when both come from
/// one capture file, and finally IPv6 → IPv4 by convention. Every tie is reported with what decided it.
/// </summary>
internal static class DirectionRules
{
    /// <summary>Decides the direction of a matched pair; <paramref name="first"/> was processed before <paramref name="second"/>.</summary>
    public static (PendingPacket Original, PendingPacket Translated, string? Ambiguity) Decide(TranslationContext context, PendingPacket first, PendingPacket second)
    {
        var t1 = first.Packet.Timestamp;
        var t2 = second.Packet.Timestamp;
        if (t1 != t2)
        {
            return t1 < t2 ? (first, second, null) : (second, first, null);
        }

        var tie = string.Create(CultureInfo.InvariantCulture, $"same timestamp {t1:HH:mm:ss.ffffff}; ");
        var decrement = 1 + context.ForwardingHops;
        if (first.Parsed.HopLimit == second.Parsed.HopLimit + decrement)
        {
            return (first, second, tie + HopText(first, second));
        }

        if (second.Parsed.HopLimit == first.Parsed.HopLimit + decrement)
        {
            return (second, first, tie + HopText(second, first));
        }

        var (v6, v4) = first.Version == 6 ? (first, second) : (second, first);
        if (AddressEvidence(context, v6.Parsed) is { } inbound)
        {
            return inbound
                ? (v6, v4, tie + "decided by addresses (IPv6 destination inside the prefix: going in)")
                : (v4, v6, tie + "decided by addresses (IPv6 source inside the prefix: coming out)");
        }

        if (first.FromBefore == second.FromBefore)
        {
            return first.Packet.Index <= second.Packet.Index
                ? (first, second, tie + "decided by record order in one capture")
                : (second, first, tie + "decided by record order in one capture");
        }

        return (v6, v4, tie + "no evidence (hop limits, addresses and captures agree with both directions); judged as IPv6 → IPv4");
    }

    /// <summary>
    /// What the addresses say of a packet's direction: true when it was going into the translator, false when it came
    /// out of it, null when they cannot tell (SIIT with both addresses mapped, or neither).
    /// </summary>
    public static bool? AddressEvidence(TranslationContext context, IpPacket packet)
    {
        // An ICMP error travels against the packet it carries: its embedded packet's direction, reversed, is its own.
        return OuterAddressEvidence(context, packet)
            ?? (packet.Icmp is { IsError: true, Inner: { } inner } && OuterAddressEvidence(context, inner) is { } innerInbound ? !innerInbound : null);
    }

    private static bool? OuterAddressEvidence(TranslationContext context, IpPacket packet)
    {
        bool source, destination;
        if (packet.Version == 6)
        {
            source = context.Prefix.Contains(packet.Source);
            destination = context.Prefix.Contains(packet.Destination);
        }
        else
        {
            source = IsMappedIpv4(context, packet.Source);
            destination = IsMappedIpv4(context, packet.Destination);
        }

        return source == destination ? null : destination;
    }

    private static bool IsMappedIpv4(TranslationContext context, System.Net.IPAddress address) =>
        context.Mapping.ToIpv6(address) is not null || context.TransportMapping?.IsPoolAddress(address) == true;

    private static string HopText(PendingPacket original, PendingPacket translated) =>
        string.Create(CultureInfo.InvariantCulture, $"decided by hop limit ({original.Parsed.HopLimit} → {translated.Parsed.HopLimit})");
}
