using System.Globalization;

namespace Nat64Harness.Model;

/// <summary>
/// A tunnel VPN's MTU as both ends declare it (<c>nat64h: ready mtu=N</c>) and as their kernels read it back after
/// ready (containers/vpn-contract.md, "Declared MTU"). The declaration wins, never silently: the ends must agree,
/// and each read-back must equal it. Without any declaration the read-backs stand in for it and must agree.
/// </summary>
/// <param name="ServerDeclared">The server's declared MTU, or null when its ready line declares none.</param>
/// <param name="ClientDeclared">The client's declared MTU, or null.</param>
/// <param name="Server">The server's read-back toward the client's tunnel address.</param>
/// <param name="Client">The client's read-back toward the echo server's synthesised address.</param>
public sealed record TunnelMtuReport(int? ServerDeclared, int? ClientDeclared, MtuReading Server, MtuReading Client)
{
    /// <summary>True when the VPN declared an MTU (both ends, the same).</summary>
    public bool Declared => ServerDeclared is not null && ServerDeclared == ClientDeclared;

    /// <summary>The MTU every expectation uses: the declaration, or the agreeing read-backs without one; null while <see cref="Problems"/> is not empty.</summary>
    public int? Effective => Problems.Count > 0 ? null : Declared ? ClientDeclared : Client.Mtu;

    /// <summary>Each way the declarations and read-backs fail to agree, naming both values.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            foreach (var reading in new[] { Server, Client }.Where(r => r.Mtu is null))
            {
                problems.Add($"the {reading.End}'s MTU toward {reading.Toward} could not be read back: {reading.Evidence}");
            }

            if (ServerDeclared is null != ClientDeclared is null)
            {
                problems.Add($"only one end declares an MTU: server {Said(ServerDeclared)}, client {Said(ClientDeclared)} (declare it on both ends, or on neither)");
            }
            else if (ServerDeclared != ClientDeclared)
            {
                problems.Add($"the ends declare different MTUs: server mtu={ServerDeclared}, client mtu={ClientDeclared}");
            }
            else if (ServerDeclared is { } declared)
            {
                problems.AddRange(new[] { Server, Client }.Where(r => r.Mtu is { } m && m != declared).Select(r => Mismatch(r, declared)));
            }
            else if (Server.Mtu is { } s && Client.Mtu is { } c && s != c)
            {
                problems.Add($"no MTU declared, and the ends' kernels disagree: server {s} ({Server.Origin}), client {c} ({Client.Origin})");
            }

            return problems;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"declared: server {Said(ServerDeclared)}, client {Said(ClientDeclared)}\nread back: {Server}\nread back: {Client}" +
        string.Concat(Problems.Select(p => "\n  " + p));

    private static string Said(int? mtu) => mtu is { } m ? $"mtu={m.ToString(CultureInfo.InvariantCulture)}" : "nothing";

    private static string Mismatch(MtuReading reading, int declared) => reading.Mtu > declared
        ? $"the {reading.End} declares mtu={declared} but its kernel sends up to {reading.Mtu} toward {reading.Toward} ({reading.Origin}): packets of {declared + 1}–{reading.Mtu} bytes would enter a tunnel that does not carry them"
        : $"the {reading.End} declares mtu={declared} but its kernel sends at most {reading.Mtu} toward {reading.Toward} ({reading.Origin}): the declaration claims more than the tunnel lets in";
}
