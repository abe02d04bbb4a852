namespace Nat64Harness.Model;

/// <summary>The MSS options a per-app VPN advertised to the app in its SYN-ACKs, against the device's MTU.</summary>
/// <param name="Pcap">The capture of what the VPN wrote toward the app.</param>
/// <param name="DeviceMtu">The MTU of the VPN's device toward the app.</param>
/// <param name="Advertised">The MSS of each SYN-ACK, in order (null: a SYN-ACK without the option).</param>
/// <param name="Violations">Each SYN-ACK whose MSS the device cannot carry, or that has none.</param>
public sealed record MssReport(string Pcap, int DeviceMtu, IReadOnlyList<int?> Advertised, IReadOnlyList<string> Violations)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Pcap}: SYN-ACK MSS {string.Join(", ", Advertised.Select(m => m?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"))} at device MTU {DeviceMtu}" + string.Concat(Violations.Select(v => "\n  " + v));
}
