using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Matches packets seen on one side of a translator with their translations on the other side, and judges each pair.
/// </summary>
/// <remarks>
/// Either stream may hold both directions (a capture on the IPv6 side holds requests going in and replies coming out).
/// A packet pairs with a packet of the other IP version that has the same <see cref="PairKey"/> (ports, TCP sequence,
/// ICMP identifier/sequence, embedded flow of an ICMP error, fragment identification, content hash; stateful: without
/// the client / pool4 port or identifier, which the BIB rewrites) within the time
/// window. Which of the two is "before" is decided by the IPv6 one: destination inside the NAT64 prefix means it was
/// going into the translator. Packets are held only for the window, so memory stays bounded on long captures;
/// both streams must be in capture-time order (as pcap files are).
/// </remarks>
public sealed class Pairer
{
    private readonly TranslationOracle _oracle;
    private readonly TimeSpan _window;
    private readonly Func<System.Net.IPAddress, bool>? _isMappedSide;

    /// <summary>Creates a pairer; <paramref name="window"/> is the largest time between a packet and its translation.</summary>
    public Pairer(TranslationContext context, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _oracle = new TranslationOracle(context);
        _window = window;
        if (context.TransportMapping is { } mapping)
        {
            _isMappedSide = address => TransportMappingRules.IsMappedSide(context, mapping, address);
        }
    }

    /// <summary>The oracle that judges the pairs.</summary>
    public TranslationOracle Oracle => _oracle;

    /// <summary>Streams pairing events in time order.</summary>
    /// <param name="before">Packets captured before the translator (and, bidirectionally, whatever else that point saw).</param>
    /// <param name="after">Packets captured after the translator.</param>
    public IEnumerable<PairingEvent> Pair(IEnumerable<CapturedPacket> before, IEnumerable<CapturedPacket> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var state = new PairingState(_window);
        foreach (var (packet, fromBefore) in Merge(before, after))
        {
            foreach (var evicted in state.Evict(packet.Timestamp))
            {
                yield return Unmatched(state, evicted);
            }

            var single = Process(state, packet, fromBefore);
            if (single is not null)
            {
                yield return single;
            }
        }

        foreach (var evicted in state.Evict(DateTimeOffset.MaxValue))
        {
            yield return Unmatched(state, evicted);
        }
    }

    private PairingEvent? Process(PairingState state, CapturedPacket packet, bool fromBefore)
    {
        var source = fromBefore ? "before" : "after";
        if (packet.IsTruncated)
        {
            return new PairingEvent(PairingOutcome.Unjudgeable, fromBefore ? packet : null, fromBefore ? null : packet,
                TranslationOracle.Unjudgeable(fromBefore ? packet.Index : null, fromBefore ? null : packet.Index,
                    $"{source} #{packet.Index} cut by the snap length: {packet.Ip.Length} IP bytes of a {packet.OriginalLength}-byte frame"), source);
        }

        if (!IpPacket.TryParse(packet.Ip, embedded: false, out var parsed, out var error))
        {
            return new PairingEvent(PairingOutcome.Unjudgeable, fromBefore ? packet : null, fromBefore ? null : packet,
                TranslationOracle.Unjudgeable(fromBefore ? packet.Index : null, fromBefore ? null : packet.Index, $"{source} #{packet.Index}: {error}"), source);
        }

        var entry = new PendingPacket(packet, parsed, PairKey.Of(parsed, _isMappedSide), fromBefore, GoesIntoTranslator(parsed, fromBefore));
        if (state.TryMatch(entry, out var partner))
        {
            // The IPv6 packet knows its direction: destination inside the prefix means it was going in.
            var ipv6 = entry.Version == 6 ? entry : partner;
            var (b, a) = ipv6.GoesIn ? (ipv6, ipv6 == entry ? partner : entry) : (ipv6 == entry ? partner : entry, ipv6);
            state.Remember(a);
            var verdict = _oracle.Judge(b.Parsed, a.Parsed, b.Packet.Index, a.Packet.Index);
            return new PairingEvent(PairingOutcome.Paired, b.Packet, a.Packet, verdict);
        }

        if (state.IsDuplicate(entry))
        {
            return new PairingEvent(PairingOutcome.Duplicated, null, packet, null, source);
        }

        state.Add(entry);
        return null;
    }

    private bool GoesIntoTranslator(IpPacket packet, bool fromBefore)
    {
        var context = _oracle.Context;
        if (packet.Version == 6)
        {
            return context.Prefix.Contains(packet.Destination) || !context.Prefix.Contains(packet.Source) && fromBefore;
        }

        if (context.Mapping.ToIpv6(packet.Destination) is not null || context.TransportMapping?.IsPoolAddress(packet.Destination) == true)
        {
            return true;
        }

        return context.Mapping.ToIpv6(packet.Source) is null && context.TransportMapping?.IsPoolAddress(packet.Source) != true && fromBefore;
    }

    private static PairingEvent Unmatched(PairingState state, PendingPacket entry)
    {
        var source = entry.FromBefore ? "before" : "after";
        if (!entry.GoesIn)
        {
            return new PairingEvent(PairingOutcome.Unexplained, null, entry.Packet, null, source);
        }

        if (state.TryTakeErrorAbout(entry, out var error))
        {
            var verdict = TranslatorErrorRules.Judge(entry.Parsed, error.Parsed, entry.Packet.Index, error.Packet.Index);
            return new PairingEvent(PairingOutcome.ErrorReturned, entry.Packet, error.Packet, verdict, source);
        }

        return new PairingEvent(PairingOutcome.Lost, entry.Packet, null, null, source);
    }

    private static IEnumerable<(CapturedPacket Packet, bool FromBefore)> Merge(IEnumerable<CapturedPacket> before, IEnumerable<CapturedPacket> after)
    {
        using var b = before.GetEnumerator();
        using var a = after.GetEnumerator();
        var hasB = b.MoveNext();
        var hasA = a.MoveNext();
        while (hasB || hasA)
        {
            if (hasB && (!hasA || b.Current.Timestamp <= a.Current.Timestamp))
            {
                yield return (b.Current, true);
                hasB = b.MoveNext();
            }
            else
            {
                yield return (a.Current, false);
                hasA = a.MoveNext();
            }
        }
    }
}
