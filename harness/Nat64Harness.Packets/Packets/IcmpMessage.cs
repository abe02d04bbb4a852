namespace Nat64Harness.Packets;

/// <summary>A decoded ICMPv4 or ICMPv6 message.</summary>
public sealed class IcmpMessage
{
    /// <summary>Type.</summary>
    public required byte Type { get; init; }

    /// <summary>Code.</summary>
    public required byte Code { get; init; }

    /// <summary>Checksum field as stored.</summary>
    public required ushort Checksum { get; init; }

    /// <summary>Bytes 4-7 (identifier + sequence, MTU, pointer, or unused).</summary>
    public required uint RestOfHeader { get; init; }

    /// <summary>Echo identifier (bytes 4-5).</summary>
    public ushort Identifier => (ushort)(RestOfHeader >> 16);

    /// <summary>Echo sequence number (bytes 6-7).</summary>
    public ushort SequenceNumber => (ushort)RestOfHeader;

    /// <summary>Everything after the 8-byte header: echo data, or the invoking packet of an error (and any RFC 4884 extension).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>
    /// RFC 4884 length attribute as stored (ICMPv4: byte 5, in 32-bit words; ICMPv6: byte 4, in 64-bit words), for the
    /// error types that carry one (<see cref="HasLengthAttribute"/>); 0 for the others and for messages without extension.
    /// </summary>
    public int LengthAttribute { get; init; }

    /// <summary>
    /// The "original datagram" field: the invoking packet and its zero padding, <see cref="LengthAttribute"/> words long
    /// when that is set, otherwise the whole <see cref="Body"/>.
    /// </summary>
    public ReadOnlyMemory<byte> OriginalDatagram { get; init; }

    /// <summary>The RFC 4884 extension structure after the original datagram field; empty when there is none.</summary>
    public ReadOnlyMemory<byte> Extension { get; init; }

    /// <summary>True when the length attribute points past the end of the message (RFC 4884 §5: not a valid multi-part message).</summary>
    public bool LengthAttributeInvalid { get; init; }

    /// <summary>True for error messages (they embed the invoking packet).</summary>
    public required bool IsError { get; init; }

    /// <summary>The invoking packet embedded in an error message, when it parses.</summary>
    public IpPacket? Inner { get; init; }

    /// <summary>Why the embedded packet did not parse, when it did not.</summary>
    public string? InnerError { get; init; }

    /// <summary>True for an ICMPv4 (8/0) or ICMPv6 (128/129) echo request or reply.</summary>
    public bool IsEcho(int ipVersion) => ipVersion == 4 ? Type is 8 or 0 : Type is 128 or 129;

    /// <summary>Bytes per unit of the RFC 4884 length attribute: 32-bit words for ICMPv4, 64-bit words for ICMPv6.</summary>
    public static int LengthUnit(int ipVersion) => ipVersion == 4 ? 4 : 8;

    /// <summary>
    /// True for the messages RFC 4884 gives a length attribute: ICMPv4 Destination Unreachable, Time Exceeded and
    /// Parameter Problem (§4.1-§4.3 of RFC 4884 / RFC 792 updated), ICMPv6 Destination Unreachable and Time Exceeded.
    /// </summary>
    public static bool HasLengthAttribute(int ipVersion, byte type) => ipVersion == 4 ? type is 3 or 11 or 12 : type is 1 or 3;

    /// <summary>True for ICMPv4 error types (RFC 792) when <paramref name="ipVersion"/> is 4, ICMPv6 error types (0-127) otherwise.</summary>
    public static bool IsErrorType(int ipVersion, byte type) =>
        ipVersion == 4 ? type is 3 or 4 or 5 or 11 or 12 : type < 128;
}
