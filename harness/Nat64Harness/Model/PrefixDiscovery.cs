namespace Nat64Harness.Model;

/// <summary>What the probe discovered of the network's NAT64 prefix, and how.</summary>
public sealed record PrefixDiscovery
{
    /// <summary>RFC 7050 or PREF64.</summary>
    public DiscoveryMethod Method { get; init; }

    /// <summary>A prefix was found.</summary>
    public bool Ok { get; init; }

    /// <summary>Why none was.</summary>
    public string? Error { get; init; }

    /// <summary>The prefix found (RFC 7050: the first confirmed one), as the probe printed it.</summary>
    public string? Prefix { get; init; }

    /// <summary>RFC 7050: every prefix kept (RFC 7050 §3 lets a node use all of them).</summary>
    public IReadOnlyList<string> Prefixes { get; init; } = [];

    /// <summary>RFC 7050: every place 192.0.0.170/171 was found.</summary>
    public IReadOnlyList<PrefixCandidate> Candidates { get; init; } = [];

    /// <summary>PREF64: every Router Advertisement received, valid or not.</summary>
    public IReadOnlyList<RouterAdvertisement> RouterAdvertisements { get; init; } = [];

    /// <summary>PREF64: the lifetime of the prefix used.</summary>
    public int? LifetimeSeconds { get; init; }
}
