using System.Net;
using Nat64Harness.Oracle;

namespace Nat64Harness.Replay;

/// <summary>
/// The <c>stateful</c> object of a <c>scenario.json</c>: the translator is a stateful NAT64 (RFC 6146, Jool) whose
/// BIB rewrites client ports and ICMP identifiers.
/// </summary>
/// <example>
/// Learn the BIB from the first packet of each flow:
/// <code>"stateful": { "pool4": "100.64.5.128/26", "ports": "61001-65535" }</code>
/// Judge against Jool's own BIB (lines as <see cref="JoolBibParser"/> reads them):
/// <code>"stateful": { "pool4": "100.64.5.128/26", "bib": [ "[Dynamic TCP] 100.64.5.130#61234 - 2001:db8:5::2#40100" ] }</code>
/// </example>
public sealed record StatefulScenario
{
    /// <summary>Pool4 as a CIDR, e.g. <c>100.64.5.128/26</c>; required.</summary>
    public string Pool4 { get; init; } = string.Empty;

    /// <summary>Pool4 port range (also bounds ICMP identifiers), e.g. <c>61001-65535</c>; null: any port.</summary>
    public string? Ports { get; init; }

    /// <summary>Lines of <c>jool bib display</c> output; empty: learn the BIB from the capture.</summary>
    public IReadOnlyList<string> Bib { get; init; } = [];

    /// <summary>The transport mapping this describes.</summary>
    /// <exception cref="InvalidDataException">Pool4, the port range or a BIB line does not parse.</exception>
    public ITransportMapping ToMapping()
    {
        if (!IPNetwork.TryParse(Pool4, out var pool4) || pool4.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new InvalidDataException($"stateful.pool4: '{Pool4}' is not an IPv4 CIDR like 100.64.5.128/26");
        }

        PortRange? ports = null;
        if (Ports is not null)
        {
            ports = PortRange.TryParse(Ports, out var range) ? range : throw new InvalidDataException($"stateful.ports: '{Ports}' is not a range like 61001-65535");
        }

        if (Bib.Count == 0)
        {
            return new LearningTransportMapping(pool4, ports);
        }

        var parsed = JoolBibParser.Parse(string.Join('\n', Bib));
        if (parsed.Unreadable.Count > 0)
        {
            throw new InvalidDataException("stateful.bib: " + string.Join("; ", parsed.Unreadable.Select(l => $"line {l.LineNumber} '{l.Text}': {l.Reason}")));
        }

        return parsed.ToMapping(pool4);
    }
}
