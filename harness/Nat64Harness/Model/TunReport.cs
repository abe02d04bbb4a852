namespace Nat64Harness.Model;

/// <summary>What a VPN wrote into its TUN during an exchange, and every rule its responses broke.</summary>
public sealed record TunReport(string Pcap, long Responses, IReadOnlyList<string> Violations)
{
    /// <summary>Packets the app sent into the TUN (a capture of both directions holds them; an "in"-only one does not).</summary>
    public long Requests { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Pcap}: {Responses} responses written by the VPN for {Requests} requests of the app" + string.Concat(Violations.Select(v => "\n  " + v));
}
