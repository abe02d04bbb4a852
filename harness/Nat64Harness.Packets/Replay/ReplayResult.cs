using Nat64Harness.Oracle;

namespace Nat64Harness.Replay;

/// <summary>The outcome of replaying a fixture folder.</summary>
/// <param name="Folder">The fixture folder.</param>
/// <param name="Report">The pairing report.</param>
/// <param name="ExpectFail">The folder carries an <c>expect-fail</c> marker: it is a negative fixture.</param>
public sealed record ReplayResult(string Folder, PairingReport Report, bool ExpectFail)
{
    /// <summary>
    /// True when the outcome is the expected one: conformance for a normal fixture, non-conformance for a negative one.
    /// This is the CLI's exit-code question (0 when true).
    /// </summary>
    public bool AsExpected => Report.Conforms != ExpectFail;

    /// <summary>Process exit code for <c>replay</c>: 0 when the outcome is the expected one, 1 otherwise.</summary>
    public int ExitCode => AsExpected ? 0 : 1;

    /// <summary>The report as text, preceded by what was expected.</summary>
    public string ToText() =>
        $"{Folder}: {(ExpectFail ? "negative fixture, expected not to conform" : "expected to conform")} → {(AsExpected ? "as expected" : "UNEXPECTED")}\n{Report.ToText()}";
}
