using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>
/// A BIB learned from the first translated packet of each flow and held for the rest of the capture, like
/// <see cref="LearningAddressMapping"/> for addresses: every later packet of the flow must use the same pool4
/// (address, port), and replies to it must come back to the same client (address, port).
/// </summary>
/// <remarks>
/// Learning is constrained to pool4 (a CIDR) and a port range, so a translator that picks an address or port it
/// does not own fails at that field instead of teaching the learner a wrong binding. The first packet of a flow is
/// otherwise trusted; use <see cref="StaticTransportMapping"/> with the translator's own BIB when it is known.
/// The same port range applies to TCP, UDP and ICMP identifiers.
/// </remarks>
public sealed class LearningTransportMapping : ITransportMapping
{
    private readonly BibTable _table = new();
    private readonly ITransportMapping? _seed;

    /// <summary>Creates an empty learner for <paramref name="pool4"/>, ports <paramref name="ports"/> (default: all).</summary>
    /// <param name="pool4">The translator's pool4, e.g. <c>IPNetwork.Parse("100.64.5.128/26")</c>.</param>
    /// <param name="ports">Pool4 port range, e.g. <c>PortRange.Parse("61001-65535")</c>.</param>
    /// <param name="seed">Bindings known up front (consulted first, never overridden).</param>
    public LearningTransportMapping(IPNetwork pool4, PortRange? ports = null, ITransportMapping? seed = null)
    {
        Pool4 = pool4;
        Ports = ports ?? PortRange.All;
        _seed = seed;
    }

    /// <summary>The pool4 addresses learning accepts.</summary>
    public IPNetwork Pool4 { get; }

    /// <summary>The pool4 ports (and ICMP identifiers) learning accepts.</summary>
    public PortRange Ports { get; }

    /// <inheritdoc />
    public IEnumerable<BibEntry> Entries => (_seed?.Entries ?? []).Concat(_table.Entries);

    /// <inheritdoc />
    public string PoolDescription => $"{Pool4} ports {Ports}";

    /// <inheritdoc />
    public TransportAddress? ToIpv4(BibProtocol protocol, TransportAddress ipv6) =>
        _seed?.ToIpv4(protocol, ipv6) ?? _table.ToIpv4(protocol, ipv6);

    /// <inheritdoc />
    public TransportAddress? ToIpv6(BibProtocol protocol, TransportAddress ipv4) =>
        _seed?.ToIpv6(protocol, ipv4) ?? _table.ToIpv6(protocol, ipv4);

    /// <inheritdoc />
    public bool IsPoolAddress(IPAddress ipv4) => Pool4.Contains(ipv4) || _seed?.IsPoolAddress(ipv4) == true;

    /// <summary>Records the binding <paramref name="ipv6"/> ↔ <paramref name="ipv4"/> unless pool4 or an earlier binding forbids it.</summary>
    public BibLearnOutcome Learn(BibProtocol protocol, TransportAddress ipv6, TransportAddress ipv4)
    {
        if (!Pool4.Contains(ipv4.Address))
        {
            return BibLearnOutcome.AddressOutsidePool;
        }

        if (!Ports.Contains(ipv4.Port))
        {
            return BibLearnOutcome.PortOutsideRange;
        }

        var known4 = ToIpv4(protocol, ipv6);
        var known6 = ToIpv6(protocol, ipv4);
        if (known4 is { } bound4 && bound4 != ipv4)
        {
            return BibLearnOutcome.Ipv6AlreadyBound;
        }

        if (known6 is { } bound6 && bound6 != ipv6)
        {
            return BibLearnOutcome.Ipv4AlreadyBound;
        }

        if (known4 is null)
        {
            _table.TryAdd(new BibEntry(protocol, ipv6, ipv4));
        }

        return BibLearnOutcome.Learned;
    }
}
