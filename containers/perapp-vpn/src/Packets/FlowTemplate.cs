namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>
/// The client's last IP header of a flow (base header only: IPv4 options and IPv6 extension headers are not
/// repeated in responses), from which <see cref="ResponseBuilder"/> makes every response of that flow.
/// </summary>
public sealed class FlowTemplate
{
    private readonly byte[] _header = new byte[Ipv6Header.Length];
    private int _identification = Random.Shared.Next(0, 0x10000);

    /// <summary>4 or 6.</summary>
    public byte Version { get; private set; }

    /// <summary>Length of the base header responses carry: 20 or 40.</summary>
    public int HeaderLength => Version == 6 ? Ipv6Header.Length : Ipv4Header.MinLength;

    /// <summary>TTL or hop limit of the client's last packet.</summary>
    public byte RequestHopLimit { get; private set; }

    /// <summary>The client's port (or echo identifier): the destination port of responses.</summary>
    public ushort ClientPort { get; private set; }

    /// <summary>The remote port: the source port of responses; 0 for ICMP.</summary>
    public ushort RemotePort { get; private set; }

    /// <summary>Copies the base header of <paramref name="packet"/>; called for every client packet of the flow.</summary>
    public void UpdateFrom(ReadOnlySpan<byte> packet, in ParsedPacket parsed)
    {
        lock (_header)
        {
            Version = parsed.Version;
            packet[..HeaderLength].CopyTo(_header);
            RequestHopLimit = parsed.HopLimit;
            ClientPort = parsed.SourcePort;
            RemotePort = parsed.DestinationPort;
        }
    }

    /// <summary>Copies the stored header into <paramref name="destination"/>; returns its length.</summary>
    public int CopyHeaderTo(Span<byte> destination)
    {
        lock (_header)
        {
            _header.AsSpan(0, HeaderLength).CopyTo(destination);
            return HeaderLength;
        }
    }

    /// <summary>Next IPv4 identification for a response of this flow.</summary>
    public ushort NextIdentification() => (ushort)Interlocked.Increment(ref _identification);
}
