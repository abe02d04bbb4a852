using System.Globalization;
using Nat64Harness.Model;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// The probe's TCP flows of one exchange each on a port of their own while open. A port may serve two flows one after
/// the other: the probe closes first and TIME_WAIT keeps the port, but a FIN the echo server sent again (a tail loss
/// probe on a slow path) is answered from TIME_WAIT, the server, closed by then, answers with an RST, and the RST ends
/// the TIME_WAIT (RFC 1337's assassination; Linux's default, tcp_rfc1337 = 0) and frees the port. Seen in a soak run
/// through OpenVPN: 4 ports of 100 each served two flows, one after the other. Two flows holding one port at once is
/// what no kernel does: one socket reported as two flows.
/// </summary>
public static class FlowPorts
{
    /// <summary>Every flow with no port or no span, and every flow that took a port another flow still held.</summary>
    public static IReadOnlyList<string> SharedWhileOpen(IEnumerable<ProbeFlow> flows)
    {
        var problems = new List<string>();
        var spanned = new List<ProbeFlow>();
        foreach (var flow in flows)
        {
            if (flow is { LocalPort: not null, ConnectedAtMs: not null, ClosedAtMs: not null })
            {
                spanned.Add(flow);
            }
            else
            {
                problems.Add(Inv($"flow {flow.Seed}: no port or no time it held it (port {flow.LocalPort?.ToString(CultureInfo.InvariantCulture) ?? "none"})"));
            }
        }

        foreach (var port in spanned.GroupBy(f => f.LocalPort!.Value))
        {
            var ordered = port.OrderBy(f => f.ConnectedAtMs).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var (held, taken) = (ordered[i - 1], ordered[i]);
                if (taken.ConnectedAtMs < held.ClosedAtMs)
                {
                    problems.Add(Inv($"port {port.Key}: flow {taken.Seed} connected at {taken.ConnectedAtMs:F3} ms while flow {held.Seed} held it ({held.ConnectedAtMs:F3} to {held.ClosedAtMs:F3} ms)"));
                }
            }
        }

        return problems;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
