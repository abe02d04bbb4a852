using System.Collections;
using System.Globalization;
using Nat64Harness.Addressing;
using Nat64Harness.Docker;
using Nat64Harness.Images;
using Nat64Harness.Model;

namespace Nat64Harness.Settings;

/// <summary>
/// The one place environment variables become options. The CLI and the test fixtures pass the process's
/// variables in; no library type below reads the environment. A value that cannot be used is an error naming
/// the variable, never silently ignored.
/// </summary>
public static class HarnessEnvironment
{
    /// <summary>A fixed address block N (1-254).</summary>
    public const string Block = "NAT64H_BLOCK";

    /// <summary>The NAT64 prefix.</summary>
    public const string Prefix = "NAT64H_PREFIX";

    /// <summary>tayga or jool.</summary>
    public const string Router = "NAT64H_ROUTER";

    /// <summary>The base image every Dockerfile builds FROM.</summary>
    public const string BaseImage = "NAT64H_BASE_IMAGE";

    /// <summary>The Debian mirror for debootstrap.</summary>
    public const string DebianMirror = "NAT64H_DEBIAN_MIRROR";

    /// <summary>The repository root, when the harness runs from elsewhere.</summary>
    public const string Repository = "NAT64H_REPO";

    /// <summary>Where runs write their folders instead of captures/.</summary>
    public const string Captures = "NAT64H_CAPTURES";

    /// <summary>1 keeps the pcaps of passing tests.</summary>
    public const string KeepCaptures = "NAT64H_KEEP_CAPTURES";

    /// <summary>1 makes a missing engine fail the Docker tests.</summary>
    public const string RequireDocker = "NAT64H_REQUIRE_DOCKER";

    /// <summary>true (any case) in CI: implies <see cref="RequireDocker"/>.</summary>
    public const string Ci = "CI";

    /// <summary>The Docker engine's endpoint (Docker's own variable).</summary>
    public const string DockerHost = "DOCKER_HOST";

    /// <summary>The Docker API version to speak (Docker's own variable).</summary>
    public const string DockerApiVersion = "DOCKER_API_VERSION";

    /// <summary>
    /// Settings from <paramref name="variables"/> (what <see cref="Environment.GetEnvironmentVariables()"/> returns,
    /// or any dictionary of names to values); unset and empty variables take the defaults.
    /// </summary>
    /// <exception cref="ArgumentException">A variable holds a value the harness cannot use; the message names it.</exception>
    public static HarnessSettings Read(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        string? Get(string name) => variables.Contains(name) && variables[name] is string { Length: > 0 } v ? v : null;

        var layout = RepositoryLayout.Discover(Get(Repository));
        if (Get(Captures) is { } captures)
        {
            layout = layout with { Captures = Path.GetFullPath(captures) };
        }

        return new HarnessSettings
        {
            Engine = new EngineOptions { Endpoint = Get(DockerHost) ?? EngineOptions.LocalSocket, ApiVersion = Get(DockerApiVersion) },
            Layout = layout,
            Images = layout.Images with
            {
                BaseImage = Get(BaseImage) ?? Images.BaseImage.Bootstrapped,
                DebianMirror = Get(DebianMirror) ?? ImageOptions.DefaultDebianMirror,
            },
            Block = Get(Block) is { } block ? ParseBlock(block) : null,
            Prefix = Get(Prefix) is { } prefix ? Parse(Prefix, prefix, Nat64Prefix.Parse) : Nat64Prefix.WellKnown,
            Router = Get(Router) is { } router ? ParseRouter(router) : RouterKind.Tayga,
            KeepCaptures = Get(KeepCaptures) == "1",
            RequireDocker = Get(RequireDocker) == "1" || string.Equals(Get(Ci), "true", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static int ParseBlock(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var block) && block is >= 1 and <= 254
            ? block
            : throw new ArgumentException($"{Block}={text}: not an address block 1-254");

    private static RouterKind ParseRouter(string text) =>
        Enum.TryParse<RouterKind>(text, ignoreCase: true, out var router) && Enum.IsDefined(router) && !char.IsDigit(text[0])
            ? router
            : throw new ArgumentException($"{Router}={text}: not a router; use {string.Join(" or ", Enum.GetNames<RouterKind>().Select(n => n.ToLowerInvariant()))}");

    private static T Parse<T>(string name, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new ArgumentException($"{name}={text}: {e.Message}", e);
        }
    }
}
