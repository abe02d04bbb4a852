using Nat64Harness.Containers;
using Nat64Harness.Model;

namespace Nat64Harness.Tests.Conformance;

/// <summary>
/// Breaks a VPN's path with a policy rule the kernel consults before every rule of the VPN's, whatever its tables
/// or device names (containers/vpn-contract.md, "Policy routing"): <c>ip -6 rule add priority P SELECTOR unreachable</c>,
/// P the lowest priority free ahead of the VPN's rules; disposing deletes that priority.
/// </summary>
internal sealed class BrokenPathRule : IAsyncDisposable
{
    private readonly HarnessContainer _container;

    private BrokenPathRule(HarnessContainer container, int priority)
    {
        _container = container;
        Priority = priority;
    }

    /// <summary>The priority the rule was added at.</summary>
    public int Priority { get; }

    /// <summary>Adds the rule in <paramref name="container"/>'s namespace, e.g. <c>["to", "64:ff9b::/96"]</c>.</summary>
    public static async Task<BrokenPathRule> AddAsync(HarnessContainer container, params string[] selector)
    {
        var rules = KernelRule.ParseListing(await container.RunAsync(["ip", "-6", "rule", "show"]));
        var priority = KernelRule.FreePriorityAhead(rules)
            ?? throw new InvalidOperationException($"{container.Name}: no rule priority is free ahead of the VPN's rules:\n{string.Join('\n', rules)}");
        await container.RunAsync(["ip", "-6", "rule", "add", "priority", priority.ToString(System.Globalization.CultureInfo.InvariantCulture), .. selector, "unreachable"]);
        return new BrokenPathRule(container, priority);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() =>
        await _container.RunAsync(["ip", "-6", "rule", "del", "priority", Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
}
