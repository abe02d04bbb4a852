namespace Nat64Harness.Docker;

/// <summary>
/// The one place the harness writes process environment variables. Testcontainers 4.16 takes its engine, API
/// version and Ryuk setting only from the environment (or a properties file), and reads them once, the first
/// time any of its types is touched: they must be set here, before that, and agree with what
/// <see cref="DockerEngine"/> probed. No variable is read here: the values come from <see cref="EngineOptions"/>.
/// </summary>
internal static class TestcontainersEnvironment
{
    /// <summary>Points Testcontainers at <paramref name="endpoint"/>, pins <paramref name="apiVersion"/> when given, and disables Ryuk.</summary>
    public static void Apply(string endpoint, string? apiVersion)
    {
        // The same engine the harness probed, whatever DOCKER_HOST said before.
        Environment.SetEnvironmentVariable("DOCKER_HOST", endpoint);

        // Debian's engine 20.10 speaks API 1.41; Testcontainers 4.16 asks for 1.44 unless told otherwise.
        if (apiVersion is not null)
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", apiVersion);
        }

        // No registry to pull Ryuk from: StaleResourceReaper does its job by label.
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
    }
}
