namespace Nat64Harness.Model;

/// <summary>One UDP datagram and its echo.</summary>
/// <param name="Index">0-based position in the flow.</param>
/// <param name="Ok">The echo equals the datagram.</param>
/// <param name="Sent">Payload bytes sent.</param>
/// <param name="Received">Payload bytes received, when an echo came.</param>
/// <param name="RttMs">Round-trip time, when an echo came.</param>
/// <param name="Error">Why not (a timeout, an ICMP error seen by the socket).</param>
/// <param name="FirstDifference">Offset of the first differing byte, when the echo differs.</param>
public sealed record ProbeDatagram(int Index, bool Ok, int Sent, int? Received, double? RttMs, string? Error, int? FirstDifference)
{
    /// <summary>The sizes of the IPv6 fragments the probe sent it as (<see cref="ProbeModes.FragmentSize"/>), or empty.</summary>
    public IReadOnlyList<int> Fragments { get; init; } = [];
}
