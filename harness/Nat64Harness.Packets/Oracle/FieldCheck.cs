namespace Nat64Harness.Oracle;

/// <summary>One comparison the oracle made: what RFC 7915 / RFC 6052 expected of a field, and what was seen.</summary>
/// <param name="Field">Dotted field name of the translated packet, e.g. "ipv4.ttl", "icmpv6.mtu", "inner.ipv6.source".</param>
/// <param name="Expected">Expected value, as text.</param>
/// <param name="Seen">Value in the captured packet, as text.</param>
/// <param name="Passed">True when the seen value satisfies the rule.</param>
/// <param name="RfcClause">The clause that states the rule, e.g. "RFC 7915 §5.1".</param>
public sealed record FieldCheck(string Field, string Expected, string Seen, bool Passed, string RfcClause);
