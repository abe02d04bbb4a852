using Nat64Harness.Model;
using Nat64Harness.Scenarios;
using Nat64Harness.Vpn;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// A per-app VPN's topology, with its idle flows started the moment it is up: each stays silent for
/// <see cref="PerAppScenarios.IdleTime"/>, so they run beside the class's other tests instead of adding 65 s to it.
/// </summary>
public abstract class PerAppVpnFixture : TopologyFixture
{
    private Task<ExchangeRun>? _idleTcp;
    private Task<ExchangeRun>? _idleUdp;

    /// <summary>The VPN's folder under containers/.</summary>
    protected abstract string Folder { get; }

    /// <inheritdoc />
    protected override IVpnUnderTest? Vpn => PerAppVpn.FromFolder(Folder);

    /// <summary>The idle TCP flow, started with the topology.</summary>
    public Task<ExchangeRun> IdleTcp => _idleTcp ?? throw new InvalidOperationException("the topology did not start: no idle flow");

    /// <summary>The idle UDP flow, started with the topology.</summary>
    public Task<ExchangeRun> IdleUdp => _idleUdp ?? throw new InvalidOperationException("the topology did not start: no idle flow");

    /// <summary>Completes when both idle flows are over (whatever their outcome).</summary>
    public Task IdleDone => Task.WhenAll(new[] { _idleTcp, _idleUdp }.OfType<Task>().Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (Started is { } topology)
        {
            _idleTcp = topology.RunAsync(PerAppScenarios.IdleTcp);
            _idleUdp = topology.RunAsync(PerAppScenarios.IdleUdp);
        }
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await IdleDone;
        await base.DisposeAsync();
    }
}
