using Nat64Harness.Addressing;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.Model;
using Nat64Harness.Topology;

namespace Nat64Harness.Settings;

/// <summary>Everything the environment can set, as options (<see cref="HarnessEnvironment.Read"/> makes one).</summary>
public sealed record HarnessSettings
{
    /// <summary>The Docker engine.</summary>
    public EngineOptions Engine { get; init; } = new();

    /// <summary>The checkout: containers/, captures/, fixtures/.</summary>
    public required RepositoryLayout Layout { get; init; }

    /// <summary>What the images build from.</summary>
    public required ImageOptions Images { get; init; }

    /// <summary>A fixed address block, or null for a free one.</summary>
    public int? Block { get; init; }

    /// <summary>The NAT64 prefix.</summary>
    public Nat64Prefix Prefix { get; init; } = Nat64Prefix.WellKnown;

    /// <summary>The NAT64 router of topologies that do not pick one.</summary>
    public RouterKind Router { get; init; } = RouterKind.Tayga;

    /// <summary>Keep the pcaps of passing tests too.</summary>
    public bool KeepCaptures { get; init; }

    /// <summary>A missing Docker engine fails the Docker tests instead of skipping them (CI).</summary>
    public bool RequireDocker { get; init; }

    /// <summary>Topology options for a run named <paramref name="scenario"/>, from these settings.</summary>
    public TopologyOptions Topology(string scenario, TextWriter log) => new()
    {
        Scenario = scenario,
        Log = log,
        Block = Block,
        Prefix = Prefix,
        Router = Router,
        Images = Images,
        CapturesFolder = Layout.Captures,
    };
}
