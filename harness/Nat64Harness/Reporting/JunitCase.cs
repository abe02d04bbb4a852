namespace Nat64Harness.Reporting;

/// <summary>One JUnit test case: an exchange of a run, or a group of pairs of a stored capture.</summary>
/// <param name="Name">The case's name (the exchange, or the flow of a pair group).</param>
/// <param name="ClassName">What it belongs to (run id, capture file, fixture folder), as CI systems group cases by it.</param>
/// <param name="Seconds">Its time.</param>
/// <param name="Failure">One line saying why it failed, or null when it passed.</param>
/// <param name="Detail">Everything behind the failure (fields, expected, seen, RFC clause), or what it saw when it passed.</param>
public sealed record JunitCase(string Name, string ClassName, double Seconds, string? Failure, string Detail = "")
{
    /// <summary>The case did not run (read from another tool's report; the harness itself skips nothing).</summary>
    public bool Skipped { get; init; }
}
