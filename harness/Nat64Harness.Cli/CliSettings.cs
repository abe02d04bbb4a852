using Nat64Harness.Docker;
using Nat64Harness.Settings;

namespace Nat64Harness.Cli;

/// <summary>The CLI's settings: read from the process environment once, the engine configured from them.</summary>
internal static class CliSettings
{
    private static readonly Lazy<HarnessSettings> Settings = new(() =>
    {
        var settings = HarnessEnvironment.Read(Environment.GetEnvironmentVariables());
        DockerEngine.Configure(settings.Engine);
        return settings;
    });

    /// <summary>The settings (a bad variable throws ArgumentException naming it).</summary>
    public static HarnessSettings Current => Settings.Value;
}
