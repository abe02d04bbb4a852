namespace Nat64Harness.Model;

/// <summary>What an underlay capture held: frames, tunnel datagrams, host link-local noise, violations, and frames of DNS in clear among them.</summary>
public sealed record UnderlayReport(string Pcap, long Frames, long TunnelDatagrams, long HostIpv6Noise, IReadOnlyList<string> Violations, long DnsInClear = 0)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Pcap}: {Frames} frames, {TunnelDatagrams} tunnel datagrams, {HostIpv6Noise} host IPv6 frames, {DnsInClear} of DNS in clear" +
        string.Concat(Violations.Select(v => "\n  " + v));
}
