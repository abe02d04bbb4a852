using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>
/// A fixed BIB, typically read from Jool with <see cref="JoolBibParser"/>: a flow without an entry is expected
/// to be dropped, so its translation fails the address and port checks.
/// </summary>
public sealed class StaticTransportMapping : ITransportMapping
{
    private readonly BibTable _table = new();
    private readonly IPNetwork? _pool4;

    /// <summary>Creates the table; <paramref name="pool4"/> (when given) also marks pool addresses with no entry yet.</summary>
    /// <exception cref="ArgumentException">Two entries bind the same client or pool transport address.</exception>
    public StaticTransportMapping(IEnumerable<BibEntry> entries, IPNetwork? pool4 = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _pool4 = pool4;
        foreach (var entry in entries)
        {
            if (!_table.TryAdd(entry))
            {
                throw new ArgumentException($"BIB entry {entry} reuses a transport address of an earlier entry", nameof(entries));
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<BibEntry> Entries => _table.Entries;

    /// <inheritdoc />
    public string PoolDescription => _pool4?.ToString() ?? "the BIB's IPv4 addresses";

    /// <inheritdoc />
    public TransportAddress? ToIpv4(BibProtocol protocol, TransportAddress ipv6) => _table.ToIpv4(protocol, ipv6);

    /// <inheritdoc />
    public TransportAddress? ToIpv6(BibProtocol protocol, TransportAddress ipv4) => _table.ToIpv6(protocol, ipv4);

    /// <inheritdoc />
    public bool IsPoolAddress(IPAddress ipv4) =>
        _pool4?.Contains(ipv4) == true || _table.Entries.Any(e => e.Ipv4.Address.Equals(ipv4));
}
