using Nat64Harness.Addressing;

namespace Nat64Harness.Containers.Dns;

/// <summary>How a DNS64 resolver is configured beyond the network it serves. The defaults are a correct DNS64.</summary>
public sealed record Dns64Settings
{
    /// <summary>The names whose AAAA unbound ignores and synthesises from the A instead.</summary>
    public const string MappedName = "mapped.nat64h.test.";

    /// <summary>
    /// The prefix it synthesises with; null for the network's own. Another prefix makes the deliberately wrong
    /// DNS64 of the negative tests.
    /// </summary>
    public Nat64Prefix? SynthesisPrefix { get; init; }

    /// <summary>
    /// Names whose AAAA is ignored and synthesised from the A (unbound's dns64-ignore-aaaa). RFC 6147 §5.1.4 wants
    /// an AAAA inside ::ffff:0:0/96 treated as none; unbound 1.17 has no range setting, only names: the default lists
    /// the zone's one such name. Empty: unbound's own behaviour, which returns the IPv4-mapped AAAA.
    /// </summary>
    public IReadOnlyList<string> IgnoreAaaa { get; init; } = [MappedName];

    /// <summary>unbound's dns64-synthall debug switch: synthesise for every name, real AAAAs ignored (breaks RFC 6147 §5.1.1).</summary>
    public bool SynthesizeAll { get; init; }

    /// <summary>Queries to the authoritative server over TCP, so TCP DNS crosses the NAT64 too.</summary>
    public bool UpstreamTcp { get; init; }

    /// <summary>A correct DNS64 for the network's prefix.</summary>
    public static Dns64Settings Correct { get; } = new();
}
