using System.Net;

namespace Nat64Harness.Model;

/// <summary>
/// A name as the probe resolved it: one raw query to one server (every record, TTL and rcode), or getaddrinfo over
/// resolv.conf as an app does (addresses only; on failure one raw query per nameserver says which did not answer).
/// </summary>
public sealed record NameResolution
{
    /// <summary>The name asked.</summary>
    public required string Name { get; init; }

    /// <summary>The record type asked (AAAA, A); null for getaddrinfo.</summary>
    public string? Type { get; init; }

    /// <summary>How it was asked.</summary>
    public DnsTransport Transport { get; init; }

    /// <summary>An answer with at least one record of the type at the end of the CNAME chain (raw), or an address (system).</summary>
    public bool Ok { get; init; }

    /// <summary>The probe's words on a failure: it names the server and the rcode, or the server that did not answer.</summary>
    public string? Error { get; init; }

    /// <summary>The server asked (raw query).</summary>
    public IPAddress? Server { get; init; }

    /// <summary>resolv.conf's nameservers (system).</summary>
    public IReadOnlyList<IPAddress> Nameservers { get; init; } = [];

    /// <summary>The response code (NOERROR, NXDOMAIN, REFUSED, ...); null when nothing answered or for getaddrinfo.</summary>
    public string? Rcode { get; init; }

    /// <summary>The addresses at the end of the CNAME chain.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    /// <summary>The CNAME targets followed from the name, in order (raw query).</summary>
    public IReadOnlyList<string> CnameChain { get; init; } = [];

    /// <summary>The name at the end of the chain.</summary>
    public string? CanonicalName { get; init; }

    /// <summary>TTLs of the records at the end of the chain (raw query).</summary>
    public IReadOnlyList<long> Ttls { get; init; } = [];

    /// <summary>The answer section (raw query).</summary>
    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];

    /// <summary>The authority section (raw query): the SOA of a negative answer.</summary>
    public IReadOnlyList<DnsRecord> Authority { get; init; } = [];

    /// <summary>Attempts made (raw query); each waited the probe's timeout when unanswered.</summary>
    public int Attempts { get; init; }

    /// <summary>The probe's own address and port of the query that was answered, for pairing with captures.</summary>
    public IPAddress? LocalAddress { get; init; }

    /// <summary>See <see cref="LocalAddress"/>.</summary>
    public int? LocalPort { get; init; }

    /// <summary>Time inside the probe, in milliseconds.</summary>
    public double ElapsedMs { get; init; } = double.NaN;

    /// <summary>After a failed getaddrinfo: one raw query to each nameserver, to name the one that did not answer.</summary>
    public IReadOnlyList<NameResolution> Diagnosis { get; init; } = [];
}
