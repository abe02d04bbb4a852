namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// A check a VPN under test is known to fail, stated where its test class is: which check, the words its failure
/// must contain, why the VPN behaves so, and the RFC clause it breaks. The check still runs (nothing is skipped):
/// <see cref="KnownDeviations.Expect"/> fails the test when the deviation disappears or the check fails another way.
/// </summary>
/// <param name="Check">The check's name: the scenario's name (<c>icmpv6-echo</c>, <c>udp-closed-port</c>, ...).</param>
/// <param name="Symptom">Words the failure must contain (case-insensitive), so that another failure is not mistaken for this one.</param>
/// <param name="Reason">What the VPN does, as measured.</param>
/// <param name="Clause">The RFC clause the behaviour breaks.</param>
public sealed record KnownDeviation(string Check, string Symptom, string Reason, string Clause)
{
    /// <inheritdoc />
    public override string ToString() => $"{Check}: {Reason} ({Clause})";
}
