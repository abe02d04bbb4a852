using System.Net;
using Nat64Harness.Oracle;

namespace Nat64Harness.Verification;

/// <summary>The oracle's report on an exchange's captures, the mappings seen, and pool violations.</summary>
public sealed record ExchangeVerdict(RouterProfile Router, PairingReport Report, IReadOnlyList<(IPAddress Ipv6, IPAddress Ipv4)> Mappings, IReadOnlyList<string> PoolViolations)
{
    /// <summary>Every packet paired and conforming, and every mapping inside the pool.</summary>
    public bool Conforms => Report.Conforms && PoolViolations.Count == 0;

    /// <summary>The report as text, pool violations appended.</summary>
    public override string ToString() =>
        Report.ToText() + string.Concat(PoolViolations.Select(v => $"\npool: {v}"))
        + string.Concat(Router.Deviations.Select(d => $"\naccepted for {Router.Name}: {d}"));
}
