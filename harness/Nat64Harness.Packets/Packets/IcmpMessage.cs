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

    /// <summary>Everything after the 8-byte header: echo data, or the invoking packet of an error.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>True for error messages (they embed the invoking packet).</summary>
    public required bool IsError { get; init; }

    /// <summary>The invoking packet embedded in an error message, when it parses.</summary>
    public IpPacket? Inner { get; init; }

    /// <summary>Why the embedded packet did not parse, when it did not.</summary>
    public string? InnerError { get; init; }

    /// <summary>True for an ICMPv4 (8/0) or ICMPv6 (128/129) echo request or reply.</summary>
    public bool IsEcho(int ipVersion) => ipVersion == 4 ? Type is 8 or 0 : Type is 128 or 129;

    /// <summary>True for ICMPv4 error types (RFC 792) when <paramref name="ipVersion"/> is 4, ICMPv6 error types (0-127) otherwise.</summary>
    public static bool IsErrorType(int ipVersion, byte type) =>
        ipVersion == 4 ? type is 3 or 4 or 5 or 11 or 12 : type < 128;
}
