using System.Net;
using System.Text.Json;

namespace Nat64Harness.Model;

/// <summary>
/// The DNS parts of the probe's JSON (containers/probe/nat64h_probe): a question's answer at the top level, the
/// getaddrinfo of a dial by name under "resolution", the ipv4only.arpa query of an RFC 7050 discovery under "query",
/// and what a discovery found. Read once into <see cref="NameResolution"/> and <see cref="PrefixDiscovery"/>.
/// </summary>
internal sealed class DnsJson : ResolutionJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public ResolutionJson? Resolution { get; set; }

    public ResolutionJson? Query { get; set; }

    public string? Method { get; set; }

    public string? Prefix { get; set; }

    public List<string>? Prefixes { get; set; }

    public List<CandidateJson>? Candidates { get; set; }

    public List<RaJson>? Ras { get; set; }

    public int? LifetimeS { get; set; }

    /// <summary>Adds to <paramref name="result"/> the resolution and discovery its exchange produced.</summary>
    public static ProbeResult Complete(ProbeResult result, string json)
    {
        var exchange = result.Exchange;
        if (exchange.Kind is not (ExchangeKind.Resolve or ExchangeKind.Discover) && exchange.Name is null)
        {
            return result;
        }

        var dto = JsonSerializer.Deserialize<DnsJson>(json, Options) ?? throw new JsonException($"probe printed null instead of a result: {json}");
        return exchange.Kind switch
        {
            ExchangeKind.Resolve => result with { Resolution = dto.ToResolution("$") },
            ExchangeKind.Discover => result with { Resolution = dto.Query?.ToResolution("$.query"), Discovery = dto.ToDiscovery() },
            _ => result with { Resolution = dto.Resolution?.ToResolution("$.resolution") },
        };
    }

    private PrefixDiscovery ToDiscovery() => new()
    {
        Method = Method == "pref64" ? DiscoveryMethod.Pref64 : DiscoveryMethod.Rfc7050,
        Ok = Ok ?? throw new JsonException("discovery result has no \"ok\" field"),
        Error = Error,
        Prefix = Prefix,
        Prefixes = Prefixes ?? [],
        Candidates = (Candidates ?? []).Select((c, i) => c.ToCandidate($"$.candidates[{i}]")).ToList(),
        RouterAdvertisements = (Ras ?? []).Select(r => r.ToAdvertisement()).ToList(),
        LifetimeSeconds = LifetimeS,
    };

    internal sealed class CandidateJson
    {
        public string? Address { get; set; }

        public int Length { get; set; }

        public string? Wka { get; set; }

        public string Prefix { get; set; } = "";

        public string? Rejected { get; set; }

        public PrefixCandidate ToCandidate(string path) => new(
            ProbeJson.Address(Address, path + ".address") ?? throw new JsonException($"{path} has no \"address\" field"),
            Length,
            ProbeJson.Address(Wka, path + ".wka") ?? throw new JsonException($"{path} has no \"wka\" field"),
            Prefix,
            Rejected);
    }

    internal sealed class RaJson
    {
        public string Source { get; set; } = "";

        public int? HopLimit { get; set; }

        public int? RouterLifetime { get; set; }

        public string? Invalid { get; set; }

        public List<OptionJson>? Options { get; set; }

        public RouterAdvertisement ToAdvertisement()
        {
            var pref64 = (Options ?? []).FirstOrDefault(o => o.Type == 38 && o.Prefix is not null);
            return new RouterAdvertisement(Source, HopLimit, RouterLifetime, Invalid, pref64?.Prefix, pref64?.LifetimeS);
        }
    }

    internal sealed class OptionJson
    {
        public int Type { get; set; }

        public string? Prefix { get; set; }

        public int? LifetimeS { get; set; }
    }
}
