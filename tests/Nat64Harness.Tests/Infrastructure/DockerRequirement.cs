using Nat64Harness.Docker;
using Xunit;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// Gate for tests that need a Docker engine: locally they skip with the reason; in CI (CI=true) or with
/// NAT64H_REQUIRE_DOCKER=1 a missing engine is a failure, never a skip.
/// </summary>
public static class DockerRequirement
{
    /// <summary>True where a missing engine must fail the run.</summary>
    public static bool Required => TestSettings.Current.RequireDocker;

    /// <summary>Whether the engine answers (after configuring it from the tests' settings).</summary>
    public static bool Reachable
    {
        get
        {
            _ = TestSettings.Current;
            return DockerEngine.Check().Reachable;
        }
    }

    /// <summary>Skips (locally) or fails (CI) when no engine answers.</summary>
    public static void Check()
    {
        if (Reachable)
        {
            return;
        }

        var reason = $"Docker engine not reachable at {DockerEngine.Endpoint}: {DockerEngine.Check().Reason}";
        if (Required)
        {
            throw new InvalidOperationException($"{reason} (CI requires the Docker tests to run: run harness/setup-host.sh first)");
        }

        Skip.If(true, reason);
    }
}
