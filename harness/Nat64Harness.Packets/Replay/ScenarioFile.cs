using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nat64Harness.Addressing;
using Nat64Harness.Oracle;

namespace Nat64Harness.Replay;

/// <summary>
/// The <c>scenario.json</c> of a fixture folder: the translator parameters the oracle needs.
/// </summary>
/// <example>
/// <code>
/// {
///   "description": "UDP echo through the well-known prefix",
///   "prefix": "64:ff9b::/96",
///   "mapping": [ { "ipv6": "2001:db8:5::2", "ipv4": "100.64.5.130" } ],
///   "windowMilliseconds": 1000,
///   "tos": "copy",
///   "dontFragment": "rfc7915"
/// }
/// </code>
/// A SIIT with Explicit Address Mappings (RFC 7757) adds <c>"eam": [ { "ipv6": "2001:db8:3::/120", "ipv4": "1.0.0.0/24" } ]</c>;
/// a translator configured to drop zero-checksum UDP, <c>"zeroChecksumUdp": "drop"</c>.
/// A stateful NAT64 (Jool) adds <see cref="Stateful"/>:
/// <code>
/// "stateful": { "pool4": "100.64.5.128/26", "ports": "61001-65535" }
/// </code>
/// or, to judge against the translator's own BIB, <c>"bib": [ "[Dynamic TCP] 100.64.5.130#61234 - 2001:db8:5::2#40100" ]</c>
/// inside it.
/// </example>
public sealed record ScenarioFile
{
    /// <summary>File name inside a fixture folder.</summary>
    public const string FileName = "scenario.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>What the scenario shows.</summary>
    public string? Description { get; init; }

    /// <summary>NAT64 prefix, e.g. "64:ff9b::/96".</summary>
    public string Prefix { get; init; } = "64:ff9b::/96";

    /// <summary>Static IPv6 client ↔ IPv4 pool pairs; empty means "learn from the first pairs".</summary>
    public IReadOnlyList<MappingEntry> Mapping { get; init; } = [];

    /// <summary>Explicit Address Mappings (RFC 7757), consulted before the prefix and the single pairs of <see cref="Mapping"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EamEntry>? Eam { get; init; }

    /// <summary>Stateful NAT64 (RFC 6146) parameters; absent: a stateless translator that copies ports.</summary>
    public StatefulScenario? Stateful { get; init; }

    /// <summary>Largest delay between a packet and its translation.</summary>
    public int WindowMilliseconds { get; init; } = 1000;

    /// <summary>TOS ↔ Traffic Class policy.</summary>
    public TosPolicy Tos { get; init; } = TosPolicy.Copy;

    /// <summary>DF rule for IPv6 → IPv4.</summary>
    public DontFragmentRule DontFragment { get; init; } = DontFragmentRule.Rfc7915;

    /// <summary>What the translator does with zero-checksum IPv4 UDP (RFC 7915 §4.5); default: computes one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] // files written before the key existed stay identical
    public ZeroChecksumUdpPolicy ZeroChecksumUdp { get; init; }

    /// <summary>True accepts a UDP checksum of 0x0000 for 0xFFFF (see <see cref="TranslationContext.ZeroForAllOnesUdpChecksum"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ZeroForAllOnesUdpChecksum { get; init; }

    /// <summary>True accepts a silent drop where RFC 7915 says an ICMP error SHOULD go back (see <see cref="TranslationContext.RefusalErrorsRequired"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RefusalErrorsOptional { get; init; }

    /// <summary>MTU of the translator's IPv4 next hop, when it matters.</summary>
    public int? Ipv4NextHopMtu { get; init; }

    /// <summary>Floor for translated Packet Too Big MTUs (default 1280; null: no floor).</summary>
    public int? MinimumPacketTooBigMtu { get; init; } = 1280;

    /// <summary>MTU of the translator's IPv6 next hop, when it matters.</summary>
    public int? Ipv6NextHopMtu { get; init; }

    /// <summary>Forwarding hops between the capture points besides the translation (see <see cref="TranslationContext.ForwardingHops"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] // 0 is the default; files written before the key existed stay identical
    public int ForwardingHops { get; init; }

    /// <summary>How many of the forwarding hops come before the translator (see <see cref="TranslationContext.ForwardingHopsBefore"/>); null: half.</summary>
    public int? ForwardingHopsBefore { get; init; }

    /// <summary>Reads a scenario file.</summary>
    public static ScenarioFile Load(string path) =>
        JsonSerializer.Deserialize<ScenarioFile>(File.ReadAllText(path), Options)
        ?? throw new InvalidDataException($"{path}: empty scenario");

    /// <summary>Serialises this scenario.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>The oracle context this scenario describes.</summary>
    public TranslationContext ToContext()
    {
        IAddressMapping mapping = Mapping.Count == 0
            ? new LearningAddressMapping()
            : new StaticAddressMapping(Mapping.Select(m => (IPAddress.Parse(m.Ipv6), IPAddress.Parse(m.Ipv4))));
        if (Eam is { Count: > 0 } eam)
        {
            mapping = new ExplicitAddressMapping(eam.Select(ParseEam), Mapping.Count == 0 ? null : mapping);
        }

        return new TranslationContext(Nat64Prefix.Parse(Prefix), mapping)
        {
            Tos = Tos,
            DontFragment = DontFragment,
            Ipv4NextHopMtu = Ipv4NextHopMtu,
            Ipv6NextHopMtu = Ipv6NextHopMtu,
            MinimumPacketTooBigMtu = MinimumPacketTooBigMtu,
            ForwardingHops = ForwardingHops,
            ForwardingHopsBefore = ForwardingHopsBefore,
            ZeroChecksumUdp = ZeroChecksumUdp,
            ZeroForAllOnesUdpChecksum = ZeroForAllOnesUdpChecksum,
            RefusalErrorsRequired = !RefusalErrorsOptional,
            TransportMapping = Stateful?.ToMapping(),
        };
    }

    private static (IPNetwork Ipv6, IPNetwork Ipv4) ParseEam(EamEntry entry) =>
        IPNetwork.TryParse(entry.Ipv6, out var ipv6) && IPNetwork.TryParse(entry.Ipv4, out var ipv4)
            ? (ipv6, ipv4)
            : throw new InvalidDataException($"eam: '{entry.Ipv6}' ↔ '{entry.Ipv4}' is not an IPv6 prefix and an IPv4 prefix like 2001:db8:3::/120 ↔ 1.0.0.0/24");
}
