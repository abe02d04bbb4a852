namespace Nat64Harness.Reporting;

/// <summary>One JUnit test suite: a run, a verified pair of captures, a replayed fixture, or a comparison.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Cases">Its cases.</param>
/// <param name="Properties">Facts CI shows beside it (router, VPN, prefix).</param>
public sealed record JunitSuite(string Name, IReadOnlyList<JunitCase> Cases, IReadOnlyList<(string Name, string Value)> Properties);
