namespace Nat64Harness.Oracle;

/// <summary>
/// Packets waiting for a partner, and recent pairs (to spot duplicates), both evicted once older than the window.
/// </summary>
/// <remarks>
/// The time-ordered queues hold only small values: a matched packet's bytes are released at once, so the garbage
/// collector does not have to carry every packet of the window into older generations.
/// </remarks>
internal sealed class PairingState(TimeSpan window)
{
    private readonly Dictionary<PairKey, List<PendingPacket>> _pending = [];
    private readonly Queue<Arrival> _arrivals = new();
    private readonly Dictionary<PairKey, List<PairedMark>> _paired = [];
    private readonly Queue<(PairKey Key, PairedMark Mark)> _pairedArrivals = new();

    /// <summary>Finds the oldest waiting packet of the other IP version with the same key, within the window.</summary>
    public bool TryMatch(PendingPacket entry, out PendingPacket partner)
    {
        partner = null!;
        if (!_pending.TryGetValue(entry.Key, out var candidates))
        {
            return false;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            if (candidate.Version != entry.Version && entry.Packet.Timestamp - candidate.Packet.Timestamp <= window)
            {
                candidates.RemoveAt(i);
                if (candidates.Count == 0)
                {
                    _pending.Remove(entry.Key);
                }

                candidate.Arrival!.Entry = null;
                partner = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Finds a waiting ICMP error of the same IP version (from the translator) whose embedded packet is
    /// <paramref name="lost"/> (same addresses, protocol and ports or echo identifier) — the translator's answer
    /// instead of a translation. Linear in the window, but only called for packets about to be reported lost.
    /// </summary>
    public bool TryTakeErrorAbout(PendingPacket lost, out PendingPacket error)
    {
        error = null!;
        foreach (var (key, candidates) in _pending)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                var c = candidates[i];
                if (c != lost && c.Version == lost.Version && c.Packet.Timestamp >= lost.Packet.Timestamp
                    && c.Packet.Timestamp - lost.Packet.Timestamp <= window
                    && c.Parsed.Icmp is { IsError: true, Inner: { } inner } && IsAbout(inner, lost.Parsed))
                {
                    candidates.RemoveAt(i);
                    if (candidates.Count == 0)
                    {
                        _pending.Remove(key);
                    }

                    c.Arrival!.Entry = null;
                    error = c;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Finds what a translator made of lone packet <paramref name="original"/> when fragment boundaries changed across
    /// it: the other pending fragments of the original's datagram (a chain of byte ranges), and pending packets of the
    /// other IP version — fragments of one identification, or one whole packet — carrying exactly those bytes
    /// (transport header aside). A translator fragments a DF=0 packet larger than the minimum IPv6 MTU (RFC 7915 §4.1),
    /// and a stateful NAT64 may reassemble (RFC 6146 §3.4). Linear in the window, but only called for packets about to
    /// be reported lost.
    /// </summary>
    public bool TryTakeDatagram(PendingPacket original, bool stateful, out List<PendingPacket> originals, out List<PendingPacket> translations)
    {
        originals = [original];
        translations = [];
        var packet = original.Parsed;
        if (packet.Fragment is null && packet.Version == 4 && packet.DontFragment)
        {
            return false; // DF=1 must not be fragmented: Fragmentation Needed instead (judged as an error returned)
        }

        var sameDatagram = new List<PendingPacket> { original };
        var groups = new Dictionary<(uint Id, bool Whole, PendingPacket? Alone), List<PendingPacket>>();
        foreach (var candidates in _pending.Values)
        {
            foreach (var c in candidates)
            {
                if (c == original || c.Packet.Timestamp < original.Packet.Timestamp || c.Packet.Timestamp - original.Packet.Timestamp > window)
                {
                    continue;
                }

                if (c.Version == packet.Version)
                {
                    if (packet.Fragment is { } f && c.Parsed.Fragment is { } g && g.Identification == f.Identification
                        && c.Parsed.Source.Equals(packet.Source) && c.Parsed.Destination.Equals(packet.Destination))
                    {
                        sameDatagram.Add(c);
                    }

                    continue;
                }

                var key = c.Parsed.Fragment is { } h ? (h.Identification, false, (PendingPacket?)null) : (0u, true, c);
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = [];
                }

                group.Add(c);
            }
        }

        if (!Refragmentation.Chain(original, sameDatagram, out var chain))
        {
            return false;
        }

        foreach (var group in groups.Values)
        {
            if ((chain.Count > 1 || group.Count > 1) && Refragmentation.Covers(chain, group, stateful, out var ordered))
            {
                foreach (var taken in chain.Where(c => c != original).Concat(ordered))
                {
                    var list = _pending[taken.Key];
                    list.Remove(taken);
                    if (list.Count == 0)
                    {
                        _pending.Remove(taken.Key);
                    }

                    taken.Arrival!.Entry = null;
                }

                originals = chain;
                translations = ordered;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a packet with this key and IP version was already paired as the translation within the window: a
    /// second copy of a translation (an original sent again has the other IP version, or is waiting for its own).
    /// </summary>
    public bool IsDuplicate(PendingPacket entry) =>
        _paired.TryGetValue(entry.Key, out var earlier) && earlier.Exists(p => p.Version == entry.Version);

    public void Add(PendingPacket entry)
    {
        if (!_pending.TryGetValue(entry.Key, out var list))
        {
            _pending[entry.Key] = list = [];
        }

        list.Add(entry);
        entry.Arrival = new Arrival(entry.Packet.Timestamp) { Entry = entry };
        _arrivals.Enqueue(entry.Arrival);
    }

    /// <summary>Keeps the key of a pair's translated packet for the window, so a second copy is reported as a duplicate.</summary>
    public void Remember(PendingPacket translated)
    {
        var mark = new PairedMark(translated.Version, translated.Packet.Timestamp);
        if (!_paired.TryGetValue(translated.Key, out var list))
        {
            _paired[translated.Key] = list = [];
        }

        list.Add(mark);
        _pairedArrivals.Enqueue((translated.Key, mark));
    }

    /// <summary>Removes and returns the unmatched packets older than <paramref name="now"/> − window (all of them at <see cref="DateTimeOffset.MaxValue"/>).</summary>
    public IEnumerable<PendingPacket> Evict(DateTimeOffset now)
    {
        var all = now == DateTimeOffset.MaxValue;
        var horizon = all ? now : now - window;
        while (_pairedArrivals.TryPeek(out var old) && (all || old.Mark.Time < horizon))
        {
            _pairedArrivals.Dequeue();
            if (_paired.TryGetValue(old.Key, out var marks) && marks.Remove(old.Mark) && marks.Count == 0)
            {
                _paired.Remove(old.Key);
            }
        }

        while (_arrivals.TryPeek(out var oldest) && (all || oldest.Time < horizon))
        {
            _arrivals.Dequeue();
            if (oldest.Entry is { } unmatched)
            {
                if (_pending.TryGetValue(unmatched.Key, out var list) && list.Remove(unmatched) && list.Count == 0)
                {
                    _pending.Remove(unmatched.Key);
                }

                yield return unmatched;
            }
        }
    }

    private static bool IsAbout(Packets.IpPacket inner, Packets.IpPacket packet) =>
        inner.Version == packet.Version && inner.Protocol == packet.Protocol
        && inner.Source.Equals(packet.Source) && inner.Destination.Equals(packet.Destination)
        && inner.SourcePort == packet.SourcePort && inner.DestinationPort == packet.DestinationPort
        && inner.Icmp?.RestOfHeader == packet.Icmp?.RestOfHeader;

    /// <summary>A slot in the time-ordered queue; <see cref="Entry"/> is cleared when the packet is matched.</summary>
    internal sealed class Arrival(DateTimeOffset time)
    {
        public DateTimeOffset Time { get; } = time;

        public PendingPacket? Entry { get; set; }
    }

    private readonly record struct PairedMark(int Version, DateTimeOffset Time);
}
