using System.Text.Json;

namespace Nat64Harness.Vpn;

/// <summary>
/// What a VPN folder under containers/ says of itself in <c>nat64h-vpn.json</c> (containers/perapp-contract.md):
/// its kind, the deliberate faults its image can be started with (<c>NAT64H_FAULT</c>), and how its image is built.
/// A folder without the file is a tunnel VPN with no faults, built with containers/ as context.
/// </summary>
/// <param name="Folder">The folder's name under containers/.</param>
/// <param name="Kind">The contract it follows.</param>
/// <param name="Faults">Fault names the image accepts in <c>NAT64H_FAULT</c>.</param>
/// <param name="OwnContext">True when the image builds with its own folder as context (<c>"build": {"context": "folder"}</c>).</param>
/// <param name="PublishDotnet">True when a .NET project in the folder is published before the build (<c>"before": "dotnet-publish"</c>).</param>
/// <param name="Aliases">Other names <c>--vpn</c> takes for the folder (<c>"aliases"</c>), e.g. a short one.</param>
public sealed record VpnDeclaration(string Folder, VpnKind Kind, IReadOnlyList<string> Faults, bool OwnContext, bool PublishDotnet, IReadOnlyList<string>? Aliases = null)
{
    /// <summary>The keys a declaration may hold; any other is a typo the author should hear about.</summary>
    public static readonly IReadOnlyList<string> Keys = ["kind", "faults", "build", "aliases"];

    /// <summary>The declaration's file name inside a VPN folder.</summary>
    public const string FileName = "nat64h-vpn.json";

    /// <summary>Reads containers/&lt;folder&gt;/nat64h-vpn.json; a folder without one is a plain tunnel VPN.</summary>
    /// <exception cref="ArgumentException">The folder has no Dockerfile, or the file is not a valid declaration (the message names file and key).</exception>
    public static VpnDeclaration Read(string containersFolder, string folder)
    {
        var directory = Path.Combine(containersFolder, folder);
        if (!File.Exists(Path.Combine(directory, "Dockerfile")))
        {
            throw new ArgumentException($"{directory} has no Dockerfile: a VPN folder needs one (containers/vpn-contract.md, containers/perapp-contract.md)");
        }

        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? Parse(folder, File.ReadAllText(path), path) : new(folder, VpnKind.Tunnel, [], OwnContext: false, PublishDotnet: false);
    }

    /// <summary>Parses a declaration's JSON; <paramref name="source"/> names it in errors.</summary>
    public static VpnDeclaration Parse(string folder, string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{source}: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"{source}: expected a JSON object");
            }

            var unknown = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !Keys.Contains(n));
            if (unknown is not null)
            {
                throw new ArgumentException($"{source}: unknown key \"{unknown}\" (known: {string.Join(", ", Keys)})");
            }

            var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String
                ? k.GetString() switch
                {
                    "tunnel" => VpnKind.Tunnel,
                    "per-app-uid" => VpnKind.PerAppUid,
                    "per-app-netns" => VpnKind.PerAppNetns,
                    var other => throw new ArgumentException($"{source}: \"kind\" is '{other}': use tunnel, per-app-uid or per-app-netns"),
                }
                : throw new ArgumentException($"{source}: \"kind\" is missing (tunnel, per-app-uid or per-app-netns)");
            var faults = Names(root, "faults", "fault names", source);
            var aliases = Names(root, "aliases", "folder aliases", source);

            var ownContext = false;
            var publish = false;
            if (root.TryGetProperty("build", out var build))
            {
                ownContext = build.TryGetProperty("context", out var c) && c.GetString() switch
                {
                    "folder" => true,
                    "containers" => false,
                    var other => throw new ArgumentException($"{source}: \"build.context\" is '{other}': use folder or containers"),
                };
                publish = build.TryGetProperty("before", out var b) && b.GetString() switch
                {
                    "dotnet-publish" => true,
                    var other => throw new ArgumentException($"{source}: \"build.before\" is '{other}': the only step known is dotnet-publish"),
                };
            }

            return new(folder, kind, faults, ownContext, publish, aliases);
        }
    }

    private static List<string> Names(JsonElement root, string key, string what, string source)
    {
        if (!root.TryGetProperty(key, out var list))
        {
            return [];
        }

        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
        {
            throw new ArgumentException($"{source}: \"{key}\" must be an array of {what}");
        }

        return list.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
