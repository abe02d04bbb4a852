using Nat64Harness.Model;

namespace Nat64Harness.LiveCapture;

/// <summary>The running counts of one direction at one capture point (see <see cref="DirectionSummary"/>).</summary>
internal sealed class DirectionCounter
{
    private const int MaxTcpStreams = 4096;
    private const int MaxExamples = 4;

    private readonly Dictionary<int, long> _sizes = [];
    private readonly Dictionary<StreamKey, TcpStream> _streams = [];
    private readonly List<string> _examples = [];

    public long Packets { get; private set; }

    public long Bytes { get; private set; }

    public DateTimeOffset? First { get; private set; }

    public DateTimeOffset? Last { get; private set; }

    public long TcpSegments { get; private set; }

    public long TcpPayloadBytes { get; private set; }

    public long TcpRetransmissions { get; private set; }

    public long UdpDatagrams { get; set; }

    public long Fragments { get; set; }

    public long BadChecksums { get; set; }

    public long BadChecksumsOddLength { get; set; }

    public long BadLengths { get; set; }

    public void Count(DateTimeOffset timestamp, int size)
    {
        Packets++;
        Bytes += size;
        First ??= timestamp;
        Last = timestamp;
        _sizes[size] = _sizes.GetValueOrDefault(size) + 1;
    }

    /// <summary>True while fewer than four bad packets are described: callers build the text only then.</summary>
    public bool WantsExample => _examples.Count < MaxExamples;

    /// <summary>Keeps a description of a bad packet.</summary>
    public void Example(string text)
    {
        if (WantsExample)
        {
            _examples.Add(text);
        }
    }

    /// <summary>A TCP segment: counts its data, and whether it starts below the highest sequence seen here (a retransmission).</summary>
    public void Segment(StreamKey key, uint sequence, int dataLength, bool syn)
    {
        if (!_streams.TryGetValue(key, out var stream))
        {
            if (_streams.Count >= MaxTcpStreams)
            {
                TcpSegments += dataLength > 0 ? 1 : 0;
                TcpPayloadBytes += dataLength;
                return;
            }

            // The stream's first data byte: after the SYN's own sequence number, or the first byte seen mid-stream.
            stream = new TcpStream { Base = syn ? sequence + 1 : sequence };
            _streams[key] = stream;
        }

        if (dataLength == 0)
        {
            return;
        }

        TcpSegments++;
        TcpPayloadBytes += dataLength;
        var start = unchecked(sequence + (syn ? 1u : 0u) - stream.Base);
        var end = unchecked(start + (uint)dataLength);
        if (unchecked((int)(start - stream.Highest)) < 0)
        {
            // Some or all of its data was seen here before: sent again.
            TcpRetransmissions++;
        }

        if (unchecked((int)(end - stream.Highest)) > 0)
        {
            stream.Highest = end;
        }
    }

    public DirectionSummary Summarize() => Packets == 0 ? DirectionSummary.Empty : new(
        Packets,
        Bytes,
        _sizes.Keys.Max(),
        _sizes.OrderByDescending(s => s.Key).Take(8).Select(s => new SizeCount(s.Key, s.Value)).ToList(),
        First,
        Last,
        TcpSegments,
        TcpPayloadBytes,
        _streams.Values.Sum(s => (long)s.Highest),
        TcpRetransmissions,
        UdpDatagrams,
        Fragments,
        BadChecksums,
        BadChecksumsOddLength,
        BadLengths,
        _examples.ToList());

    /// <summary>One direction of a TCP connection: addresses and ports as the packet carries them.</summary>
    public readonly record struct StreamKey(UInt128 Source, UInt128 Destination, ushort SourcePort, ushort DestinationPort);

    private sealed class TcpStream
    {
        public uint Base { get; init; }

        /// <summary>Offset from <see cref="Base"/> of the byte after the highest data seen.</summary>
        public uint Highest { get; set; }
    }
}
