using Nat64Harness.Model;
using Nat64Harness.Verification;

namespace Nat64Harness.Cli;

/// <summary>
/// The DNS verdict of a run's row: a DNS question or a discovery passes when its DNS checks hold (an NXDOMAIN that must
/// come back is a pass), an exchange by name when the exchange and its name's resolution both do. The verdict is
/// folded into the row's probe column, its failures named there ("synthesised with prefix X, expected Y").
/// </summary>
internal static class DnsRows
{
    public static ExchangeRun Judge(ExchangeRun run, AddressPlan plan)
    {
        var exchange = run.Exchange;
        var question = exchange.Kind is ExchangeKind.Resolve or ExchangeKind.Discover;
        if (!question && exchange.Name is null)
        {
            return run;
        }

        var verdict = DnsVerifier.Verify(run, plan, ResolverProfile.Unbound);
        var ok = verdict.Passed && (question || run.Result.Ok);
        var error = verdict.Passed ? run.Result.Error : $"DNS: {verdict.Failures}";
        return run with { Result = run.Result with { Ok = ok, Error = ok ? null : error } };
    }
}
