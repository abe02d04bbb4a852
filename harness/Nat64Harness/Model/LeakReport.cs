namespace Nat64Harness.Model;

/// <summary>What a capture of the access network held with the app's own addresses on it: each such packet is a leak.</summary>
/// <param name="Pcap">The capture.</param>
/// <param name="Packets">IP packets in it.</param>
/// <param name="Violations">One line per leaked packet: index, addresses, protocol, flags.</param>
public sealed record LeakReport(string Pcap, long Packets, IReadOnlyList<string> Violations)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Pcap}: {Packets} packets on the access network, {Violations.Count} with the app's address" + string.Concat(Violations.Take(20).Select(v => "\n  " + v));
}
