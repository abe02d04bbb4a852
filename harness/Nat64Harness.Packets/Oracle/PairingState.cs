namespace Nat64Harness.Oracle;

/// <summary>
/// Packets waiting for a partner, and recent pairs (to spot duplicates), both evicted once older than the window.
/// </summary>
internal sealed class PairingState(TimeSpan window)
{
    private readonly Dictionary<PairKey, List<PendingPacket>> _pending = [];
    private readonly Queue<PendingPacket> _arrivals = new();
    private readonly Dictionary<PairKey, List<PendingPacket>> _paired = [];
    private readonly Queue<PendingPacket> _pairedArrivals = new();

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

                candidate.Done = true;
                partner = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a translated packet with this key was already paired within the window.</summary>
    public bool IsDuplicate(PendingPacket entry) =>
        !entry.GoesIn && _paired.TryGetValue(entry.Key, out var earlier) && earlier.Exists(p => p.Version == entry.Version);

    public void Add(PendingPacket entry)
    {
        if (!_pending.TryGetValue(entry.Key, out var list))
        {
            _pending[entry.Key] = list = [];
        }

        list.Add(entry);
        _arrivals.Enqueue(entry);
    }

    /// <summary>Removes and returns the unmatched packets older than <paramref name="now"/> − window.</summary>
    public IEnumerable<PendingPacket> Evict(DateTimeOffset now)
    {
        var horizon = now == DateTimeOffset.MaxValue ? now : now - window;
        while (_pairedArrivals.TryPeek(out var old) && old.Packet.Timestamp < horizon)
        {
            _pairedArrivals.Dequeue();
            Forget(_paired, old);
        }

        while (_arrivals.TryPeek(out var oldest) && (oldest.Packet.Timestamp < horizon || now == DateTimeOffset.MaxValue))
        {
            _arrivals.Dequeue();
            if (!oldest.Done)
            {
                Forget(_pending, oldest);
                yield return oldest;
            }
        }
    }

    /// <summary>Keeps the translated packet of a pair for the window, so a second copy is reported as a duplicate.</summary>
    public void Remember(PendingPacket translated)
    {
        if (!_paired.TryGetValue(translated.Key, out var list))
        {
            _paired[translated.Key] = list = [];
        }

        list.Add(translated);
        _pairedArrivals.Enqueue(translated);
    }

    private static void Forget(Dictionary<PairKey, List<PendingPacket>> map, PendingPacket entry)
    {
        if (map.TryGetValue(entry.Key, out var list))
        {
            list.Remove(entry);
            if (list.Count == 0)
            {
                map.Remove(entry.Key);
            }
        }
    }
}
