using System.Globalization;
using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Golden;

/// <summary>
/// Extracts fields from packets for golden comparison, normalising only the fields listed in <see cref="Rules"/>.
/// Everything else (addresses, TTLs, lengths, flags, types, payload) is compared as is.
/// </summary>
/// <remarks>
/// Tokens are assigned in order of first appearance within one capture ("port#1", "id#2"...), so a reply that
/// reuses the request's ephemeral port gets the same token and the relation between packets is still compared.
/// </remarks>
public sealed class GoldenNormalizer
{
    /// <summary>Lowest port treated as ephemeral (Linux ip_local_port_range starts at 32768).</summary>
    public const int EphemeralPortFloor = 32768;

    private readonly Dictionary<string, Dictionary<long, int>> _tokens = [];
    private readonly Dictionary<string, uint> _initialSequence = [];

    /// <summary>The only fields the normaliser changes — the single place to read or extend.</summary>
    public static IReadOnlyList<NormalizationRule> Rules { get; } =
    [
        new("timestamp", "dropped", "capture time differs on every run"),
        new("link", "dropped (MAC addresses, VLAN tags, link type)", "Docker assigns MAC addresses per run; only the IP packet is compared"),
        new("tcp.source_port / udp.source_port / tcp.destination_port / udp.destination_port", $"ports ≥ {EphemeralPortFloor} become port#n", "ephemeral ports are chosen by the kernel"),
        new("tcp.sequence / tcp.acknowledgment", "relative to the first sequence number of the flow direction", "initial sequence numbers are random (RFC 6528)"),
        new("ipv4.identification", "id#n", "RFC 7915 §5.1 lets the translator choose it; senders pick it at random"),
        new("ipv6.fragment.identification", "id#n (low 16 bits, shared with IPv4)", "fragment identification is chosen by the sender"),
        new("icmp.identifier / icmpv6.identifier", "echo#n", "ping uses its process id or a random value"),
        new("ipv6.flow_label", "0 stays 0, any other value becomes flow#n", "Linux picks a random flow label per flow (RFC 6437); a translator sets 0"),
        new("*.checksum", "valid / invalid", "checksums change with every normalised field above; validity is what matters"),
    ];

    /// <summary>Normalises a capture, streaming.</summary>
    public IEnumerable<NormalizedPacket> Normalize(IEnumerable<CapturedPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        long index = 0;
        foreach (var packet in packets)
        {
            yield return Normalize(packet, index++);
        }
    }

    private NormalizedPacket Normalize(CapturedPacket packet, long index)
    {
        var fields = new List<KeyValuePair<string, string>>();
        void Add(string name, object value) => fields.Add(new(name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));

        if (packet.IsTruncated)
        {
            Add("capture.truncated", $"{packet.Ip.Length} of {packet.OriginalLength}");
        }

        if (!IpPacket.TryParse(packet.Ip, embedded: false, out var ip, out var error))
        {
            Add("packet.error", error);
            return new NormalizedPacket(index, fields);
        }

        new FieldExtractor(this, Add).Extract(ip, ip.Version == 4 ? "ipv4" : "ipv6");
        return new NormalizedPacket(index, fields);
    }

    internal string Token(string kind, long value)
    {
        if (!_tokens.TryGetValue(kind, out var seen))
        {
            _tokens[kind] = seen = [];
        }

        if (!seen.TryGetValue(value, out var token))
        {
            seen[value] = token = seen.Count + 1;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{kind}#{token}");
    }

    internal string Port(ushort port) => port >= EphemeralPortFloor ? Token("port", port) : port.ToString(CultureInfo.InvariantCulture);

    internal string RelativeSequence(string flow, uint value)
    {
        if (!_initialSequence.TryGetValue(flow, out var initial))
        {
            _initialSequence[flow] = initial = value;
        }

        return "+" + unchecked(value - initial).ToString(CultureInfo.InvariantCulture);
    }
}
