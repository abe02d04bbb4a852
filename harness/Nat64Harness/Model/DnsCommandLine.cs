using System.Globalization;

namespace Nat64Harness.Model;

/// <summary>The probe's command line and a reader's description of a DNS question or a prefix discovery.</summary>
internal static class DnsCommandLine
{
    public static IEnumerable<string> For(Exchange exchange)
    {
        var cmd = new List<string> { "nat64h-probe", exchange.Kind == ExchangeKind.Resolve ? "resolve" : "discover" };
        if (exchange.Kind == ExchangeKind.Discover)
        {
            var method = exchange.Discovery ?? throw new InvalidOperationException($"a discover exchange needs a method: {exchange.Target}");
            cmd.AddRange(["--method", method == DiscoveryMethod.Pref64 ? "pref64" : "rfc7050"]);
        }

        if (exchange.Question is { } q)
        {
            if (exchange.Kind == ExchangeKind.Resolve)
            {
                cmd.AddRange(["--name", q.Name, "--type", q.Type]);
            }

            cmd.AddRange(["--transport", q.Transport.ToString().ToLowerInvariant()]);
            if (q.Server is { } server)
            {
                cmd.AddRange(["--server", server.ToString()]);
            }
        }
        else if (exchange.Kind == ExchangeKind.Resolve)
        {
            throw new InvalidOperationException($"a resolve exchange needs a question: {exchange.Target}");
        }

        if (exchange.Timeout is { } timeout)
        {
            cmd.AddRange(["--timeout", timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)]);
        }

        return cmd;
    }

    public static string Describe(Exchange exchange)
    {
        var who = exchange.Uid is { } u ? $" as uid {u}" : "";
        return exchange.Kind == ExchangeKind.Resolve
            ? $"resolve {exchange.Question}{who}"
            : $"discover {(exchange.Discovery == DiscoveryMethod.Pref64 ? "pref64" : $"rfc7050{(exchange.Question is { } q ? $" over {q.Transport.ToString().ToLowerInvariant()}" : "")}")}{who}";
    }
}
