namespace Nat64Harness.Model;

/// <summary>
/// What a tunnel VPN steers into its tunnel, read in the client's namespace after ready: the device holding the
/// client's tunnel address, every policy rule, every route of every table through that device (with the rules
/// that select its table), the kernel's answer for each address the contract names, and what breaks the contract.
/// </summary>
/// <param name="TunnelDevice">The device holding <c>NAT64H_TUNNEL_ADDR</c>, or null when none does.</param>
/// <param name="Rules">Every <c>ip -6 rule</c>, in order.</param>
/// <param name="TunnelRoutes">Every route through the tunnel device, in any table (local, multicast and link-local ones left out).</param>
/// <param name="Lookups">The kernel's answer for each address the contract names.</param>
/// <param name="Violations">What the VPN routes beyond the contract, or fails to route, each in one sentence; empty when it conforms.</param>
/// <param name="Notes">What is reported but not a violation (the router's address, when it is not routed).</param>
public sealed record TunnelRoutingReport(
    string? TunnelDevice,
    IReadOnlyList<KernelRule> Rules,
    IReadOnlyList<KernelRoute> TunnelRoutes,
    IReadOnlyList<RouteLookup> Lookups,
    IReadOnlyList<string> Violations,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when every address the contract names with <paramref name="requirement"/> enters the tunnel.</summary>
    public bool Steers(RouteRequirement requirement) => Lookups.Where(l => l.Requirement == requirement).All(l => l.Enters(TunnelDevice));

    /// <summary>The rules that send lookups to <paramref name="table"/>, as printed.</summary>
    public IEnumerable<KernelRule> RulesSelecting(string table) => Rules.Where(r => r.Action == "lookup" && r.Table == table);

    /// <inheritdoc />
    public override string ToString()
    {
        var lines = new List<string> { $"tunnel device: {TunnelDevice ?? "none holds the client's tunnel address"}", "rules:" };
        lines.AddRange(Rules.Select(r => "  " + r.Line));
        lines.Add("into the tunnel:");
        lines.AddRange(TunnelRoutes.Select(r => $"  table {r.Table}: {r.Line}"));
        lines.Add("route get:");
        lines.AddRange(Lookups.Select(l => $"  {l.Requirement,-16} {l}"));
        lines.AddRange(Notes.Select(n => "note: " + n));
        lines.AddRange(Violations.Select(v => "VIOLATION: " + v));
        return string.Join('\n', lines);
    }
}
