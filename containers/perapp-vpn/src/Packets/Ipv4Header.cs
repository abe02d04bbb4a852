namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>Field offsets of the IPv4 header (RFC 791 §3.1).</summary>
public static class Ipv4Header
{
    public const int MinLength = 20;
    public const int TosOffset = 1;
    public const int TotalLengthOffset = 2;
    public const int IdentificationOffset = 4;
    public const int FlagsFragmentOffset = 6;
    public const int TtlOffset = 8;
    public const int ProtocolOffset = 9;
    public const int ChecksumOffset = 10;
    public const int SourceOffset = 12;
    public const int DestinationOffset = 16;
}
