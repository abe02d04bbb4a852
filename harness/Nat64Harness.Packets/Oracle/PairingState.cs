using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nat64Harness.Oracle;

/// <summary>
/// Packets waiting for a partner, and recent pairs (to spot duplicates), both evicted once older than the window.
/// </summary>
/// <remarks>
/// Allocation-free in the steady state: waiting packets with one key form a chain through their entries, the queues
/// hold small values, and entries (each with its decoded packet) go back to a free list once paired or reported. A
/// matched packet's bytes are let go at once, so the garbage collector never carries the window into older generations.
/// </remarks>
internal sealed class PairingState(TimeSpan window)
{
    private readonly Dictionary<PairKey, PendingPacket> _pending = [];
    private readonly Queue<Arrival> _arrivals = new();
    private readonly Dictionary<PairKey, PairedCount> _paired = [];
    private readonly Queue<PairedMark> _pairedArrivals = new();
    private readonly Stack<PendingPacket> _free = new();
    private readonly long _windowTicks = window.Ticks;

    /// <summary>An entry to load a packet into: a released one, or a new one.</summary>
    public PendingPacket Rent() => _free.TryPop(out var entry) ? entry : new PendingPacket();

    /// <summary>Takes back an entry nothing refers to any more (paired, reported, or not decodable).</summary>
    public void Release(PendingPacket entry)
    {
        entry.Release();
        _free.Push(entry);
    }

    /// <summary>Finds the oldest waiting packet of the other IP version with the same key, within the window.</summary>
    public bool TryMatch(PendingPacket entry, out PendingPacket partner)
    {
        partner = null!;
        if (!_pending.TryGetValue(entry.Key, out var candidate))
        {
            return false;
        }

        for (; candidate is not null; candidate = candidate.Next)
        {
            if (candidate.Version != entry.Version && entry.Packet.Timestamp - candidate.Packet.Timestamp <= window)
            {
                Unlink(candidate);
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
        foreach (var head in _pending.Values)
        {
            for (var c = head; c is not null; c = c.Next)
            {
                if (c != lost && c.Version == lost.Version && c.Packet.Timestamp >= lost.Packet.Timestamp
                    && c.Packet.Timestamp - lost.Packet.Timestamp <= window
                    && c.Parsed.Icmp is { IsError: true, Inner: { } inner } && IsAbout(inner, lost.Parsed))
                {
                    Unlink(c);
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
        foreach (var head in _pending.Values)
        {
            for (var c = head; c is not null; c = c.Next)
            {
                if (c == original || c.Packet.Timestamp < original.Packet.Timestamp || c.Packet.Timestamp - original.Packet.Timestamp > window)
                {
                    continue;
                }

                if (c.Version == packet.Version)
                {
                    if (packet.Fragment is { } f && c.Parsed.Fragment is { } g && g.Identification == f.Identification
                        && c.Parsed.SourceBytes.SequenceEqual(packet.SourceBytes) && c.Parsed.DestinationBytes.SequenceEqual(packet.DestinationBytes))
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
                    Unlink(taken);
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
        _paired.TryGetValue(entry.Key, out var count) && count.Of(entry.Version) > 0;

    public void Add(PendingPacket entry)
    {
        ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(_pending, entry.Key, out _);
        if (head is null)
        {
            head = entry;
        }
        else
        {
            var tail = head;
            while (tail.Next is not null)
            {
                tail = tail.Next;
            }

            tail.Next = entry;
        }

        entry.Waiting = true;
        _arrivals.Enqueue(new Arrival(entry, entry.Generation, entry.Packet.Timestamp.UtcTicks));
    }

    /// <summary>Keeps the key of a pair's translated packet for the window, so a second copy is reported as a duplicate.</summary>
    public void Remember(PendingPacket translated)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_paired, translated.Key, out _);
        count = count.Add(translated.Version, 1);
        _pairedArrivals.Enqueue(new PairedMark(translated.Key, translated.Version, translated.Packet.Timestamp.UtcTicks));
    }

    /// <summary>
    /// Removes the next unmatched packet older than <paramref name="now"/> − window (any, at <see cref="DateTimeOffset.MaxValue"/>);
    /// false when there is none. Call until false.
    /// </summary>
    public bool TryEvict(DateTimeOffset now, out PendingPacket evicted)
    {
        // Compared as UTC ticks: this runs once per packet, and DateTimeOffset arithmetic is not free.
        var all = now == DateTimeOffset.MaxValue;
        var horizon = all ? long.MaxValue : now.UtcTicks - _windowTicks;
        while (_pairedArrivals.TryPeek(out var old) && (all || old.Time < horizon))
        {
            _pairedArrivals.Dequeue();
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_paired, old.Key);
            if (!Unsafe.IsNullRef(ref count))
            {
                count = count.Add(old.Version, -1);
                if (count.IsEmpty)
                {
                    _paired.Remove(old.Key);
                }
            }
        }

        while (_arrivals.TryPeek(out var oldest) && (all || oldest.Time < horizon))
        {
            _arrivals.Dequeue();
            var entry = oldest.Entry;
            if (entry.Generation == oldest.Generation && entry.Waiting)
            {
                Unlink(entry);
                evicted = entry;
                return true;
            }
        }

        evicted = null!;
        return false;
    }

    private static bool IsAbout(Packets.IpPacket inner, Packets.IpPacket packet) =>
        inner.Version == packet.Version && inner.Protocol == packet.Protocol
        && inner.SourceBytes.SequenceEqual(packet.SourceBytes) && inner.DestinationBytes.SequenceEqual(packet.DestinationBytes)
        && inner.SourcePort == packet.SourcePort && inner.DestinationPort == packet.DestinationPort
        && inner.Icmp?.RestOfHeader == packet.Icmp?.RestOfHeader;

    // Takes a waiting entry out of its key's chain (the key goes when its chain is empty).
    private void Unlink(PendingPacket entry)
    {
        ref var head = ref CollectionsMarshal.GetValueRefOrNullRef(_pending, entry.Key);
        if (Unsafe.IsNullRef(ref head))
        {
            return;
        }

        if (head == entry)
        {
            if (entry.Next is null)
            {
                _pending.Remove(entry.Key);
            }
            else
            {
                head = entry.Next;
            }
        }
        else
        {
            var previous = head;
            while (previous.Next is not null && previous.Next != entry)
            {
                previous = previous.Next;
            }

            if (previous.Next == entry)
            {
                previous.Next = entry.Next;
            }
        }

        entry.Next = null;
        entry.Waiting = false;
    }

    /// <summary>A slot in the time-ordered queue; stale once its entry was matched or reused (generation moved on).</summary>
    private readonly record struct Arrival(PendingPacket Entry, int Generation, long Time);

    private readonly record struct PairedMark(PairKey Key, int Version, long Time);

    /// <summary>How many translations of each IP version were paired with one key within the window.</summary>
    private readonly record struct PairedCount(int Ipv4, int Ipv6)
    {
        public bool IsEmpty => Ipv4 == 0 && Ipv6 == 0;

        public int Of(int version) => version == 4 ? Ipv4 : Ipv6;

        public PairedCount Add(int version, int delta) => version == 4 ? this with { Ipv4 = Ipv4 + delta } : this with { Ipv6 = Ipv6 + delta };
    }
}
