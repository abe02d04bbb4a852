namespace Nat64Harness.Model;

/// <summary>One check of a DNS exchange: what was checked, whether it held, what was seen and the clause behind it.</summary>
/// <param name="What">The check, e.g. "echo.nat64h.test AAAA synthesised with the network's prefix".</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Detail">What was seen: on failure, expected against seen ("synthesised with prefix X, expected Y").</param>
/// <param name="Clause">The RFC clause.</param>
public sealed record DnsCheck(string What, bool Passed, string Detail, string Clause)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Passed ? "ok  " : "FAIL")} {What}: {Detail} ({Clause})";
}
