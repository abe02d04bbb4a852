namespace Nat64Harness.Tests.FaultMatrix;

/// <summary>What one VPN (a clean one, or the reference with one fault) did in one column of the fault matrix.</summary>
public enum MatrixCell
{
    /// <summary><c>.</c>: the column passed.</summary>
    Passed,

    /// <summary><c>X</c>: it failed, and the failure names the fault's symptom (caught).</summary>
    Caught,

    /// <summary><c>x</c>: it failed without naming the fault's symptom (detected, not diagnosed).</summary>
    Failed,

    /// <summary><c>K</c>: a clean VPN's known deviation: it failed as its row's <c>known:</c> pattern says.</summary>
    Known,
}
