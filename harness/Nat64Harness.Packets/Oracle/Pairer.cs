using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// Matches packets seen on one side of a translator with their translations on the other side, and judges each pair.
/// </summary>
/// <remarks>
/// Either stream may hold both directions (a capture on the IPv6 side holds requests going in and replies coming out),
/// and both may even be one capture file. A packet pairs with a packet of the other IP version that has the same
/// <see cref="PairKey"/> (ports, TCP sequence, ICMP identifier/sequence and kind, embedded flow of an ICMP error,
/// fragment identification, content hash; stateful: without the client / pool4 port or identifier, which the BIB
/// rewrites) within the time window. Which of the two was the original is decided by evidence, not by addresses: the
/// original was captured first (see DirectionRules; a tie is reported on the event). A packet left without a
/// partner is judged by what RFC 7915 wants of it (RefusalRules: dropped or answered as required), by an ICMP error
/// the translator sent about it, or reported lost / unexplained. Packets are held only for the window, so
/// memory stays bounded on long captures; both streams must be in capture-time order (as pcap files are).
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

        var entry = new PendingPacket(packet, parsed, PairKey.Of(parsed, _isMappedSide), fromBefore);
        if (state.TryMatch(entry, out var partner))
        {
            var (original, translated, ambiguity) = DirectionRules.Decide(_oracle.Context, partner, entry);
            state.Remember(translated);
            var verdict = _oracle.Judge(original.Parsed, translated.Parsed, original.Packet.Index, translated.Packet.Index);
            return new PairingEvent(PairingOutcome.Paired, original.Packet, translated.Packet, verdict) { Ambiguity = ambiguity };
        }

        if (state.IsDuplicate(entry))
        {
            return new PairingEvent(PairingOutcome.Duplicated, null, packet, null, source);
        }

        state.Add(entry);
        return null;
    }

    private PairingEvent Unmatched(PairingState state, PendingPacket entry)
    {
        var source = entry.FromBefore ? "before" : "after";
        var context = _oracle.Context;
        var inbound = DirectionRules.AddressEvidence(context, entry.Parsed);
        if (inbound == false)
        {
            return new PairingEvent(PairingOutcome.Unexplained, null, entry.Packet, null, source);
        }

        if (state.TryTakeDatagram(entry, context.IsStateful, out var originals, out var translations))
        {
            state.Remember(translations[0]);
            return new PairingEvent(PairingOutcome.Paired, entry.Packet, translations[0].Packet, Refragmentation.Judge(_oracle, originals, translations), source);
        }

        // The packet's own content is evidence of its direction: nothing a translator emits needs refusing.
        var refusal = RefusalRules.Expect(context, entry.Parsed);
        if (state.TryTakeErrorAbout(entry, out var error))
        {
            if (refusal is { Kind: not RefusalKind.MayDrop })
            {
                var answer = TranslatorErrorRules.JudgeAnswer(refusal, entry.Parsed, error.Parsed, entry.Packet.Index, error.Packet.Index, context.ForwardingHops);
                return new PairingEvent(PairingOutcome.AnsweredAsRequired, entry.Packet, error.Packet, answer, source);
            }

            var verdict = TranslatorErrorRules.Judge(entry.Parsed, error.Parsed, entry.Packet.Index, error.Packet.Index, context.ForwardingHops);
            return new PairingEvent(PairingOutcome.ErrorReturned, entry.Packet, error.Packet, verdict, source);
        }

        if (refusal is not null)
        {
            var missing = refusal.Kind == RefusalKind.DropAndAnswer && context.RefusalErrorsRequired;
            return new PairingEvent(missing ? PairingOutcome.NotAnswered : PairingOutcome.DroppedAsRequired, entry.Packet, null,
                TranslatorErrorRules.JudgeDrop(refusal, entry.Parsed, entry.Packet.Index, missing), source);
        }

        return new PairingEvent(PairingOutcome.Lost, entry.Packet, null, null, source)
        {
            Ambiguity = inbound is null ? "lone packet whose addresses fit both directions (both or neither mapped): reported as lost" : null,
        };
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
