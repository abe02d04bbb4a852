namespace Nat64Harness.Oracle;

/// <summary>Both directions of a BIB, per protocol; the storage behind the transport mappings.</summary>
internal sealed class BibTable
{
    private readonly Dictionary<(BibProtocol, TransportAddress), TransportAddress> _toIpv4 = [];
    private readonly Dictionary<(BibProtocol, TransportAddress), TransportAddress> _toIpv6 = [];
    private readonly List<BibEntry> _entries = [];

    public IReadOnlyList<BibEntry> Entries => _entries;

    public TransportAddress? ToIpv4(BibProtocol protocol, TransportAddress ipv6) =>
        _toIpv4.TryGetValue((protocol, ipv6), out var ipv4) ? ipv4 : null;

    public TransportAddress? ToIpv6(BibProtocol protocol, TransportAddress ipv4) =>
        _toIpv6.TryGetValue((protocol, ipv4), out var ipv6) ? ipv6 : null;

    /// <summary>Adds an entry; false (and nothing added) when either side is already bound.</summary>
    public bool TryAdd(BibEntry entry)
    {
        if (_toIpv4.ContainsKey((entry.Protocol, entry.Ipv6)) || _toIpv6.ContainsKey((entry.Protocol, entry.Ipv4)))
        {
            return false;
        }

        _toIpv4[(entry.Protocol, entry.Ipv6)] = entry.Ipv4;
        _toIpv6[(entry.Protocol, entry.Ipv4)] = entry.Ipv6;
        _entries.Add(entry);
        return true;
    }
}
