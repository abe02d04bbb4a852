namespace Nat64Harness.Model;

/// <summary>The DNS checks of one exchange, judged against the run's plan and the resolver's profile.</summary>
/// <param name="Exchange">The exchange judged.</param>
/// <param name="Profile">The resolver profile the checks used.</param>
/// <param name="Checks">Every check made, passed or not.</param>
public sealed record DnsVerdict(Exchange Exchange, ResolverProfile Profile, IReadOnlyList<DnsCheck> Checks)
{
    /// <summary>True when every check held (and at least one was made).</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>The failed checks' details, joined: what a report prints for a failing row.</summary>
    public string Failures => string.Join("; ", Checks.Where(c => !c.Passed).Select(c => $"{c.Detail} ({c.Clause})"));

    /// <inheritdoc />
    public override string ToString() =>
        $"{Exchange}: {(Passed ? "passed" : "FAILED")} (resolver profile {Profile.Name}"
        + (Profile.Deviations.Count == 0 ? ")" : $", accepted for {Profile.Name}: {string.Join("; ", Profile.Deviations)})")
        + string.Concat(Checks.Select(c => "\n  " + c));
}
