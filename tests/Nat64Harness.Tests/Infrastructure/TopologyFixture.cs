using Nat64Harness.Model;
using Nat64Harness.Topology;
using Nat64Harness.Vpn;
using Xunit;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// One topology per test class (or per lane, as a collection fixture). A start-up failure is kept and rethrown inside each test that uses the
/// topology (with the containers' logs in the message), instead of failing the class opaquely.
/// </summary>
public abstract class TopologyFixture : IAsyncLifetime
{
    private Exception? _startFailure;
    private Nat64Topology? _topology;

    /// <summary>The VPN under test, or null for the baseline.</summary>
    protected abstract IVpnUnderTest? Vpn { get; }

    /// <summary>The NAT64 router.</summary>
    protected virtual RouterKind Router => RouterKind.Tayga;

    /// <summary>A fixed address block, or null for a free one.</summary>
    protected virtual int? Block => null;

    /// <summary>Progress of the start (image builds, plan, timings), for failure messages.</summary>
    public StringWriter Log { get; } = new();

    /// <summary>The running topology; throws the start-up failure when there is one.</summary>
    public Nat64Topology Topology
    {
        get
        {
            DockerRequirement.Check();
            if (_startFailure is not null)
            {
                throw new InvalidOperationException($"topology ({Router}, {Vpn?.Name ?? "baseline"}) failed to start:\n{Log}", _startFailure);
            }

            return _topology ?? throw new InvalidOperationException("topology not started");
        }
    }

    /// <summary>The topology once started, or null (no engine, or a start-up failure); never throws.</summary>
    protected Nat64Topology? Started => _topology;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        if (!DockerRequirement.Reachable)
        {
            return;
        }

        try
        {
            _topology = await Nat64Topology.StartAsync(TestSettings.Current.Topology("tests", Log) with { Vpn = Vpn, Block = Block, Router = Router });
        }
        catch (Exception e)
        {
            _startFailure = e;
        }
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }
}
