using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>
/// A packet waiting for its counterpart. The pairer reuses these (and the decoded packet each owns) once a packet is
/// paired or reported: nothing outside the pairing state keeps one, events carry only the captured bytes and texts.
/// </summary>
internal sealed class PendingPacket
{
    private readonly IpPacket _parsed = IpPacket.Empty();

    public CapturedPacket Packet { get; private set; }

    public IpPacket Parsed => _parsed;

    public PairKey Key { get; private set; }

    /// <summary>Which input stream it came from: the order of two records of one stream is evidence too.</summary>
    public bool FromBefore { get; private set; }

    public int Version => _parsed.Version;

    /// <summary>Bumped each time the entry is released, so that a stale slot in the eviction queue is recognised.</summary>
    public int Generation { get; private set; }

    /// <summary>True while the entry sits in the table of packets waiting for a partner.</summary>
    public bool Waiting { get; set; }

    /// <summary>The next waiting entry with the same key (oldest first), or null.</summary>
    public PendingPacket? Next { get; set; }

    /// <summary>Decodes <paramref name="packet"/> into this entry; false (and why) when it is not an IP packet the oracle can read.</summary>
    public bool TryLoad(CapturedPacket packet, bool fromBefore, Func<System.Net.IPAddress, bool>? isMappedSide, out string error)
    {
        Packet = packet;
        FromBefore = fromBefore;
        if (!_parsed.TryLoad(packet.Ip, embedded: false, out error))
        {
            return false;
        }

        Key = PairKey.Of(_parsed, isMappedSide);
        return true;
    }

    /// <summary>Forgets the packet: the entry may be loaded again.</summary>
    public void Release()
    {
        Generation++;
        Waiting = false;
        Next = null;
        Packet = default;
    }
}
