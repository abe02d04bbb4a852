using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Stateful NAT64 (RFC 6146): which side of a packet the BIB rewrites, and to what. IPv6 → IPv4, a client
/// (address, port) — any IPv6 address outside the prefix — becomes its pool4 (address, port); IPv4 → IPv6, a pool4
/// (address, port) becomes the client's. ICMP echo identifiers are the "port" of ICMP queries. ICMP errors have
/// no port of their own: their outer client/pool address follows the BIB entry of the embedded packet.
/// </summary>
internal static class TransportMappingRules
{
    public const string Bib = "RFC 6146 §3.5.1-§3.5.2 (BIB: endpoint-independent mapping)";
    public const string IcmpBib = "RFC 6146 §3.5.3 (the ICMP identifier is the query's port)";
    public const string Pool = "RFC 6146 §3.5.1.1 (pool4 address and port range)";

    public static FlowExpectation Resolve(TranslationContext context, IpPacket before, IpPacket after)
    {
        if (context.TransportMapping is not { } mapping || before.Version == after.Version)
        {
            return FlowExpectation.Stateless;
        }

        var toV4 = before.Version == 6;
        if (before.Icmp is { IsError: true } error)
        {
            return ResolveError(context, mapping, toV4, before, after, error);
        }

        var protocol = ProtocolOf(before);
        var (beforeSource, beforeDestination) = PortsOf(before);
        var (seenSource, seenDestination) = PortsOf(after);
        return new FlowExpectation(
            MapSide(context, mapping, protocol, toV4, new FlowSide(before.Source, beforeSource, after.Source, seenSource)),
            MapSide(context, mapping, protocol, toV4, new FlowSide(before.Destination, beforeDestination, after.Destination, seenDestination)));
    }

    /// <summary>True when <paramref name="address"/> is the side of a packet the BIB rewrites (client or pool4).</summary>
    public static bool IsMappedSide(TranslationContext context, ITransportMapping mapping, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? !context.Prefix.Contains(address) : mapping.IsPoolAddress(address);

    public static BibProtocol? ProtocolOf(IpPacket packet) => packet.Protocol switch
    {
        IpProtocol.Tcp => BibProtocol.Tcp,
        IpProtocol.Udp => BibProtocol.Udp,
        IpProtocol.Icmp or IpProtocol.IcmpV6 => BibProtocol.Icmp,
        _ => null,
    };

    public static (int? Source, int? Destination) PortsOf(IpPacket packet)
    {
        if (packet.SourcePort is { } source)
        {
            return (source, packet.DestinationPort);
        }

        return packet.Icmp is { } icmp && icmp.IsEcho(packet.Version) ? (icmp.Identifier, icmp.Identifier) : (null, null);
    }

    private static FlowExpectation ResolveError(TranslationContext context, ITransportMapping mapping, bool toV4, IpPacket before, IpPacket after, IcmpMessage error)
    {
        if (error.Inner is not { } inner)
        {
            return FlowExpectation.Stateless;
        }

        if (after.Icmp?.Inner is { } translated && translated.Version != inner.Version)
        {
            // Judging the embedded pair first lets a learning BIB pick up the flow before the outer address needs it.
            Resolve(context, inner, translated);
        }

        return new FlowExpectation(
            OuterErrorSide(context, mapping, toV4, inner, before.Source, after.Source),
            OuterErrorSide(context, mapping, toV4, inner, before.Destination, after.Destination));
    }

    private static EndpointExpectation? OuterErrorSide(TranslationContext context, ITransportMapping mapping, bool toV4, IpPacket inner, IPAddress address, IPAddress seen)
    {
        if (!IsMappedSide(context, mapping, address) || (toV4 && context.Mapping.ToIpv4(address) is not null))
        {
            return null;
        }

        // The embedded packet travelled the other way: its mapped side is the one whose address is mapped.
        var protocol = ProtocolOf(inner);
        var (innerSource, innerDestination) = PortsOf(inner);
        var useSource = IsMappedSide(context, mapping, inner.Source);
        var (innerAddress, innerPort) = useSource ? (inner.Source, innerSource) : (inner.Destination, innerDestination);
        if (protocol is { } p && innerPort is { } port && IsMappedSide(context, mapping, innerAddress))
        {
            var key = new TransportAddress(innerAddress, (ushort)port);
            var bound = toV4 ? mapping.ToIpv4(p, key) : mapping.ToIpv6(p, key);
            if (bound is { } entry)
            {
                return new EndpointExpectation($"{entry.Address} (BIB entry of the embedded {key})", entry.Address.Equals(seen));
            }
        }

        return AddressOnly(mapping, toV4, address, seen);
    }

    private static EndpointExpectation? MapSide(TranslationContext context, ITransportMapping mapping, BibProtocol? protocol, bool toV4, FlowSide side)
    {
        if (!IsMappedSide(context, mapping, side.Address))
        {
            return null;
        }

        if (protocol is not { } p || side.Port is not { } port)
        {
            return AddressOnly(mapping, toV4, side.Address, side.Seen);
        }

        var rfc = p == BibProtocol.Icmp ? "identifier" : "port";
        var key = new TransportAddress(side.Address, (ushort)port);
        var known = toV4 ? mapping.ToIpv4(p, key) : mapping.ToIpv6(p, key);
        if (known is { } entry)
        {
            return new EndpointExpectation(
                entry.Address.ToString(), entry.Address.Equals(side.Seen),
                Text($"{entry.Port} (BIB {Name(p)} {key} ↔ {entry})"), entry.Port == side.SeenPort);
        }

        if (side.SeenPort is not { } seenPort)
        {
            return new EndpointExpectation($"none: no {rfc} seen to look up", false, $"a mapped {rfc}", false);
        }

        var seen = new TransportAddress(side.Seen, (ushort)seenPort);
        if (mapping is not LearningTransportMapping learner)
        {
            var none = $"none: no BIB {Name(p)} entry for {key}; the translator must drop it";
            return new EndpointExpectation(none, false, none, false);
        }

        return toV4 ? LearnToIpv4(learner, p, key, seen) : LearnToIpv6(context, learner, p, key, seen);
    }

    private static EndpointExpectation LearnToIpv4(LearningTransportMapping learner, BibProtocol p, TransportAddress client, TransportAddress seen)
    {
        var inRange = $"a pool4 {(p == BibProtocol.Icmp ? "identifier" : "port")} in {learner.Ports}";
        return learner.Learn(p, client, seen) switch
        {
            BibLearnOutcome.Learned => new($"{seen.Address} (learned, in pool4 {learner.Pool4})", true, Text($"{seen.Port} (learned: {client} ↔ {seen})"), true),
            BibLearnOutcome.AddressOutsidePool => new($"an address in pool4 {learner.Pool4}", false, inRange, learner.Ports.Contains(seen.Port)),
            BibLearnOutcome.PortOutsideRange => new($"{seen.Address} (in pool4 {learner.Pool4})", true, inRange, false),
            _ => new($"{seen.Address} (in pool4 {learner.Pool4})", true, $"a pool4 {Name(p)} port not bound to another client ({seen} is bound to {learner.ToIpv6(p, seen)})", false),
        };
    }

    private static EndpointExpectation LearnToIpv6(TranslationContext context, LearningTransportMapping learner, BibProtocol p, TransportAddress pool, TransportAddress seen)
    {
        if (seen.Address.AddressFamily != AddressFamily.InterNetworkV6 || context.Prefix.Contains(seen.Address))
        {
            return new($"a client address outside {context.Prefix} (the client bound to {pool})", false, "the client's port", false);
        }

        return learner.Learn(p, seen, pool) switch
        {
            BibLearnOutcome.Learned => new($"{seen.Address} (learned)", true, Text($"{seen.Port} (learned: {seen} ↔ {pool})"), true),
            BibLearnOutcome.PortOutsideRange => new($"{seen.Address}", true, $"none: pool4 {Name(p)} port {pool.Port} is outside {learner.Ports}, so no BIB entry: drop", false),
            BibLearnOutcome.AddressOutsidePool => new($"none: {pool.Address} is not in pool4 {learner.Pool4}", false, "none", false),
            _ => new($"{seen.Address}", true, $"the client bound to {pool} ({seen} is bound to {learner.ToIpv4(p, seen)})", false),
        };
    }

    private static EndpointExpectation AddressOnly(ITransportMapping mapping, bool toV4, IPAddress address, IPAddress seen)
    {
        var bound = mapping.Entries
            .Where(e => (toV4 ? e.Ipv6.Address : e.Ipv4.Address).Equals(address))
            .Select(e => toV4 ? e.Ipv4.Address : e.Ipv6.Address)
            .Distinct()
            .ToList();
        if (bound.Count > 0)
        {
            return new EndpointExpectation($"{string.Join(" or ", bound)} (BIB, no port to look up)", bound.Contains(seen));
        }

        return toV4
            ? new EndpointExpectation($"an address in pool4 {mapping.PoolDescription} (no port to look up)", mapping.IsPoolAddress(seen))
            : new EndpointExpectation($"none: no BIB entry on pool4 address {address}", false);
    }

    private static string Name(BibProtocol protocol) => protocol.ToString().ToUpperInvariant();

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
