namespace Nat64Harness.Model;

/// <summary>One resource record of a DNS answer, as the probe decoded it.</summary>
/// <param name="Name">Owner name, with its trailing dot.</param>
/// <param name="Type">A, AAAA, CNAME, SOA, ... (TYPEn for others).</param>
/// <param name="Ttl">TTL in seconds.</param>
/// <param name="Data">Presentation form of the data (an address, a name, SOA fields, or hex).</param>
public sealed record DnsRecord(string Name, string Type, long Ttl, string Data);
