using Nat64Harness.Model;

namespace Nat64Harness.Reporting;

/// <summary>One row of a run: the exchange, the probe's word on it, the oracle's verdict and the pcaps.</summary>
public sealed record RunRow(ExchangeRun Run, ExchangeVerdict? Verdict)
{
    /// <summary>Probe OK, and the oracle conforms wherever it judged.</summary>
    public bool Passed => Run.Result.Ok && Verdict?.Conforms != false;
}
