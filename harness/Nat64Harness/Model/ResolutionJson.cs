using System.Text.Json;

namespace Nat64Harness.Model;

/// <summary>A name resolution as the probe prints it (raw query or getaddrinfo); see <see cref="DnsJson"/>.</summary>
internal class ResolutionJson
{
    public string? Name { get; set; }

    public string? Type { get; set; }

    public string? Transport { get; set; }

    public bool? Ok { get; set; }

    public string? Error { get; set; }

    public string? Server { get; set; }

    public List<string>? Nameservers { get; set; }

    public string? Rcode { get; set; }

    public List<string>? Addresses { get; set; }

    public List<string>? CnameChain { get; set; }

    public string? CanonicalName { get; set; }

    public List<long>? Ttls { get; set; }

    public List<JsonElement>? Attempts { get; set; }

    public string? LocalAddr { get; set; }

    public int? LocalPort { get; set; }

    public double? ElapsedMs { get; set; }

    public ResponseJson? Response { get; set; }

    public List<ResolutionJson>? Diagnosis { get; set; }

    public NameResolution ToResolution(string path) => new()
    {
        Name = Name ?? throw new JsonException($"{path} has no \"name\" field"),
        Type = Type,
        Transport = Transport switch
        {
            "tcp" => DnsTransport.Tcp,
            "system" => DnsTransport.System,
            "udp" or null => DnsTransport.Udp,
            _ => throw new JsonException($"{path}.transport: '{Transport}' is not udp, tcp or system"),
        },
        Ok = Ok ?? throw new JsonException($"{path} has no \"ok\" field"),
        Error = Error,
        Server = ProbeJson.Address(Server, path + ".server"),
        Nameservers = (Nameservers ?? []).Select((n, i) => ProbeJson.Address(n, $"{path}.nameservers[{i}]")!).ToList(),
        Rcode = Rcode,
        Addresses = (Addresses ?? []).Select((a, i) => ProbeJson.Address(a, $"{path}.addresses[{i}]")!).ToList(),
        CnameChain = CnameChain ?? [],
        CanonicalName = CanonicalName,
        Ttls = Ttls ?? [],
        Answers = (Response?.Answer ?? []).Select(r => r.ToRecord()).ToList(),
        Authority = (Response?.Authority ?? []).Select(r => r.ToRecord()).ToList(),
        Attempts = Attempts?.Count ?? 0,
        LocalAddress = ProbeJson.Address(LocalAddr, path + ".local_addr"),
        LocalPort = LocalPort,
        ElapsedMs = ElapsedMs ?? double.NaN,
        Diagnosis = (Diagnosis ?? []).Select((d, i) => d.ToResolution($"{path}.diagnosis[{i}]")).ToList(),
    };
}

/// <summary>The sections of a parsed DNS response the harness reads.</summary>
internal sealed class ResponseJson
{
    public List<RecordJson>? Answer { get; set; }

    public List<RecordJson>? Authority { get; set; }
}

/// <summary>One record as the probe prints it.</summary>
internal sealed class RecordJson
{
    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    public long Ttl { get; set; }

    public string Data { get; set; } = "";

    public DnsRecord ToRecord() => new(Name, Type, Ttl, Data);
}
