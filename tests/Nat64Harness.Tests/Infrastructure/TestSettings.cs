using Nat64Harness.Docker;
using Nat64Harness.Settings;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>The tests' settings: the process environment read once (the library reads none), the engine configured from it.</summary>
public static class TestSettings
{
    private static readonly Lazy<HarnessSettings> Settings = new(() =>
    {
        var settings = HarnessEnvironment.Read(Environment.GetEnvironmentVariables());
        DockerEngine.Configure(settings.Engine);
        return settings;
    });

    /// <summary>The settings.</summary>
    public static HarnessSettings Current => Settings.Value;
}
