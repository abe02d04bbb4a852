using System.Globalization;
using Nat64Harness.Capture;
using Nat64Harness.Packets;

namespace Nat64Harness.Golden;

/// <summary>
/// Extracts every field of every packet for golden comparison (names from <see cref="FieldNames"/>), normalising only
/// the fields listed in <see cref="Rules"/>. Everything else — addresses, TTL / hop limit, lengths, flags, TOS, TCP
/// window, urgent pointer, data offset and options, UDP length, ICMP types, codes and rest of header, RFC 4884
/// extensions, embedded packets, payloads — is compared as is.
/// </summary>
/// <remarks>
/// Tokens are assigned in order of first appearance ("port#1", "frag#2"...) across everything one normaliser sees.
/// Normalise the two captures of a translator (its IPv6 side, then its IPv4 side) with ONE normaliser, as
/// <see cref="GoldenComparer.ComparePair"/> does: a value the translator must preserve (a stateless translator's
/// ports, a fragment identification, an echo identifier) then gets the same token on both sides only when it is
/// equal on both sides, so a translator that rewrites it no longer matches its golden pair.
/// </remarks>
public sealed class GoldenNormalizer
{
    /// <summary>Lowest port treated as ephemeral (Linux ip_local_port_range starts at 32768).</summary>
    public const int EphemeralPortFloor = 32768;

    internal const string PortKind = "port";
    internal const string IpIdKind = "ipid";
    internal const string FragmentKind = "frag";
    internal const string EchoKind = "echo";
    internal const string FlowKind = "flow";

    private readonly Dictionary<string, Dictionary<long, int>> _tokens = [];
    private readonly Dictionary<(ushort, ushort), uint> _initialSequence = [];

    /// <summary>The only fields the normaliser changes — the single place to read or extend.</summary>
    public static IReadOnlyList<NormalizationRule> Rules { get; } =
    [
        new("timestamp", "dropped", "capture time differs on every run"),
        new("link", "dropped (MAC addresses, VLAN tags, link type)", "Docker assigns MAC addresses per run; only the IP packet is compared"),
        new($"{FieldNames.TcpSourcePort} / {FieldNames.TcpDestinationPort} / {FieldNames.UdpSourcePort} / {FieldNames.UdpDestinationPort} (and inner.*)",
            $"ports ≥ {EphemeralPortFloor} become port#n, one numbering for both sides of the translator", "ephemeral ports are chosen by the kernel; a port kept across the translator keeps its token, a rewritten one does not"),
        new($"{FieldNames.TcpSequence} / {FieldNames.TcpAcknowledgment}", "relative to the first sequence number seen for the port pair, on either side", "initial sequence numbers are random (RFC 6528); a translator must not change them"),
        new($"{FieldNames.Ipv4Identification} (unfragmented)", "ipid#n, numbered per source address",
            "RFC 7915 §5.1 lets the translator choose it; senders pick it from their own counters, so only equality within one sender's packets means anything (another sender's counter may wrap onto the same value)"),
        new($"{FieldNames.Ipv4Identification} (fragments) / {FieldNames.Ipv6FragmentIdentification}", "frag#n of the low 16 bits, one numbering for both families (IPv6 high bits kept)", "chosen by the sender; RFC 7915 §4.1 / §5.1.1 carry the low 16 bits across"),
        new($"{FieldNames.IcmpIdentifier} / {FieldNames.Icmpv6Identifier}", "echo#n, one numbering for both sides", "ping uses its process id or a random value"),
        new(FieldNames.Ipv6FlowLabel, "0 stays 0, any other value becomes flow#n", "Linux picks a random flow label per flow (RFC 6437); a translator sets 0"),
        new("*.checksum", "valid / invalid / zero (IPv4 UDP without checksum)", "checksums change with every normalised field above; validity is what matters"),
    ];

    /// <summary>Normalises a capture, streaming. Use one instance for both sides of a translator.</summary>
    public IEnumerable<NormalizedPacket> Normalize(IEnumerable<CapturedPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        long index = 0;
        foreach (var packet in packets)
        {
            yield return Normalize(packet, index++);
        }
    }

    internal string Token(string kind, long value) => Token(kind, kind, value);

    /// <summary>
    /// Token of an unfragmented IPv4 identification, numbered per source address: two senders' counters are
    /// independent, so an equality between them is chance (a Linux echo server's counter wrapping from 65535 to 0
    /// while the translator sends 0 once made a correct run differ from its golden pair).
    /// </summary>
    internal string IpId(ReadOnlySpan<byte> source, ushort value) => Token(IpIdKind + "@" + Convert.ToHexString(source), IpIdKind, value);

    private string Token(string numbering, string kind, long value)
    {
        if (!_tokens.TryGetValue(numbering, out var seen))
        {
            _tokens[numbering] = seen = [];
        }

        if (!seen.TryGetValue(value, out var token))
        {
            seen[value] = token = seen.Count + 1;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{kind}#{token}");
    }

    internal string Port(ushort port) => port >= EphemeralPortFloor ? Token(PortKind, port) : port.ToString(CultureInfo.InvariantCulture);

    internal string RelativeSequence(ushort sourcePort, ushort destinationPort, uint value)
    {
        if (!_initialSequence.TryGetValue((sourcePort, destinationPort), out var initial))
        {
            _initialSequence[(sourcePort, destinationPort)] = initial = value;
        }

        return "+" + unchecked(value - initial).ToString(CultureInfo.InvariantCulture);
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

        new FieldExtractor(this, Add).Extract(ip);
        return new NormalizedPacket(index, fields);
    }
}
