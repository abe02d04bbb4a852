namespace Nat64Harness.Scenarios;

/// <summary>What a conforming path does with a scenario's exchange.</summary>
public enum ScenarioExpectation
{
    /// <summary>Every message comes back exactly as sent (payload, or hash of a bulk transfer).</summary>
    Echoed,

    /// <summary>ICMPv6 Time Exceeded from the path's first hop (behind a userspace proxy, which originates its own packets, the echo).</summary>
    TimeExceeded,

    /// <summary>The path's MTU decides: carried whole, or fragmented by the probe with Packet Too Big → Fragmentation Needed for the replies.</summary>
    PathMtu,

    /// <summary>The exchange fails and the probe reports it (nothing listens, or the path is broken on purpose).</summary>
    Fails,

    /// <summary>The DNS checks hold (Verification.DnsVerifier): the answer the test zone's name must get through a DNS64, or the prefix a discovery must find.</summary>
    Resolved,
}
