namespace Nat64Harness.Model;

/// <summary>What a VPN wrote into its TUN during an exchange, and every rule its responses broke.</summary>
public sealed record TunReport(string Pcap, long Responses, IReadOnlyList<string> Violations)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Pcap}: {Responses} responses written by the VPN" + string.Concat(Violations.Select(v => "\n  " + v));
}
