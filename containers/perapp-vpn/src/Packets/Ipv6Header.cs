namespace Nat64Harness.PerAppVpn.Packets;

/// <summary>Field offsets of the fixed IPv6 header (RFC 8200 §3).</summary>
public static class Ipv6Header
{
    public const int Length = 40;
    public const int PayloadLengthOffset = 4;
    public const int NextHeaderOffset = 6;
    public const int HopLimitOffset = 7;
    public const int SourceOffset = 8;
    public const int DestinationOffset = 24;
}
