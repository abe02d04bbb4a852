namespace Nat64Harness.Packets;

/// <summary>Decoding of the transport header (ports, ICMP) and, for ICMP errors, the embedded packet.</summary>
public sealed partial class IpPacket
{
    /// <summary>
    /// Decodes ports or the ICMP header. A transport header that does not fit is not a parse failure of the IP
    /// packet: it is recorded in <see cref="UpperError"/> so the oracle can still judge the IP header.
    /// </summary>
    private IpPacket DecodeTransport(bool embedded)
    {
        if (!HasUpperHeader)
        {
            return this;
        }

        var upper = Upper.Span;
        switch (Protocol)
        {
            case IpProtocol.Tcp or IpProtocol.Udp:
                // An embedded packet needs only its first 8 bytes: the ports are all RFC 792 promises.
                if (upper.Length < 4 || (!embedded && !HasCompleteTransportHeader(upper)))
                {
                    UpperError = $"{(Protocol == IpProtocol.Tcp ? "TCP" : "UDP")} header does not fit in {upper.Length} bytes";
                    return this;
                }

                return WithPorts(upper);
            case IpProtocol.Icmp or IpProtocol.IcmpV6:
                if (!IcmpHeader.TryParse(upper, out var icmp))
                {
                    UpperError = $"ICMP header does not fit in {upper.Length} bytes";
                    return this;
                }

                return WithIcmp(icmp, embedded);
            default:
                return this;
        }
    }

    private bool HasCompleteTransportHeader(ReadOnlySpan<byte> upper) =>
        Protocol == IpProtocol.Tcp ? TcpHeader.TryParse(upper, out _) : UdpHeader.TryParse(upper, out _);

    private IpPacket WithPorts(ReadOnlySpan<byte> upper)
    {
        SourcePort = (ushort)((upper[0] << 8) | upper[1]);
        DestinationPort = (ushort)((upper[2] << 8) | upper[3]);
        return this;
    }

    private IpPacket WithIcmp(IcmpHeader header, bool embedded)
    {
        var body = Upper[IcmpHeader.Length..];
        var isError = IcmpMessage.IsErrorType(Version, header.Type);
        var datagram = body;
        var extension = ReadOnlyMemory<byte>.Empty;
        var length = 0;
        var invalid = false;
        if (isError && IcmpMessage.HasLengthAttribute(Version, header.Type))
        {
            length = Version == 4 ? (int)(header.RestOfHeader >> 16) & 0xFF : (int)(header.RestOfHeader >> 24);
            var bytes = length * IcmpMessage.LengthUnit(Version);
            if (length > 0 && bytes <= body.Length)
            {
                datagram = body[..bytes];
                extension = body[bytes..];
            }
            else if (length > 0)
            {
                invalid = true;
            }
        }

        IpPacket? inner = null;
        string? innerError = null;
        if (isError && !embedded && !TryParse(datagram, embedded: true, out inner, out var problem))
        {
            innerError = problem;
        }

        Icmp = new IcmpMessage
        {
            Type = header.Type,
            Code = header.Code,
            Checksum = header.Checksum,
            RestOfHeader = header.RestOfHeader,
            Body = body,
            LengthAttribute = length,
            OriginalDatagram = datagram,
            Extension = extension,
            LengthAttributeInvalid = invalid,
            IsError = isError,
            Inner = inner,
            InnerError = innerError,
        };
        return this;
    }
}
