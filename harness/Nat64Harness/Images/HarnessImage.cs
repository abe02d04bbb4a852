using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using Nat64Harness.Docker;
using Nat64Harness.Model;

namespace Nat64Harness.Images;

/// <summary>
/// One image of ours, built from containers/&lt;name&gt;/Dockerfile with containers/ as context. Its tag is a
/// hash of the base image id and every file it copies, so an unchanged image is reused and a changed one is
/// rebuilt under a new tag; older tags of the same image are removed so no image accumulates per run.
/// </summary>
public sealed class HarnessImage
{
    private static readonly Dictionary<string, Task<string>> Built = new();
    private static readonly object BuiltLock = new();

    /// <summary>Folders under containers/ that every image copies from.</summary>
    private static readonly string[] SharedFolders = ["base"];

    /// <summary>Build outputs inside a folder: never part of the content hash (they follow from the sources).</summary>
    private static readonly string[] GeneratedFolders = ["bin", "obj", "bin-publish"];

    private readonly Func<string, TextWriter, CancellationToken, Task>? _prepare;
    private readonly bool _ownContext;

    private HarnessImage(string name, Func<string, TextWriter, CancellationToken, Task>? prepare = null, bool ownContext = false)
    {
        Name = name;
        _prepare = prepare;
        _ownContext = ownContext;
    }

    /// <summary>The Tayga NAT64 router.</summary>
    public static HarnessImage Tayga { get; } = new("tayga");

    /// <summary>The Jool NAT64 router (a QEMU micro-VM with Debian's kernel and jool-dkms).</summary>
    public static HarnessImage Jool { get; } = new("jool");

    /// <summary>The IPv4-only echo server.</summary>
    public static HarnessImage Echo { get; } = new("echo");

    /// <summary>The probe.</summary>
    public static HarnessImage Probe { get; } = new("probe");

    /// <summary>The IPv4-only authoritative DNS server (NSD): the test zone and ipv4only.arpa.</summary>
    public static HarnessImage DnsAuth { get; } = new("dns-auth");

    /// <summary>The DNS64 resolver (unbound with its dns64 module).</summary>
    public static HarnessImage Dns64 { get; } = new("dns64");

    /// <summary>The PREF64 Router Advertisement sender (RFC 8781).</summary>
    public static HarnessImage Pref64 { get; } = new("pref64");

    /// <summary>Folder name under containers/.</summary>
    public string Name { get; }

    /// <summary>The image of a NAT64 router.</summary>
    public static HarnessImage Router(RouterKind kind) => kind switch
    {
        RouterKind.Tayga => Tayga,
        RouterKind.Jool => Jool,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no image for this router"),
    };

    /// <summary>
    /// Any image under containers/&lt;folder&gt; (a VPN under test added by a user, for one); the build context is containers/.
    /// <paramref name="prepare"/>, when given, runs before a build with the folder's path (see <see cref="FromOwnFolder"/>).
    /// </summary>
    public static HarnessImage FromFolder(string folder, Func<string, TextWriter, CancellationToken, Task>? prepare = null) => new(folder, prepare);

    /// <summary>
    /// An image whose build context is its own folder (what it builds must not be sent with every other image's
    /// context); containers/base is copied into the folder before a build, so it can COPY base/ like the others.
    /// <paramref name="prepare"/> runs before a build with the folder's path: a .NET program publishes itself
    /// into it (<see cref="DotnetPublish"/>).
    /// </summary>
    public static HarnessImage FromOwnFolder(string folder, Func<string, TextWriter, CancellationToken, Task>? prepare = null) => new(folder, prepare, ownContext: true);

    /// <summary>Builds the image if its content changed; returns the tag to run. Safe to call concurrently.</summary>
    public Task<string> EnsureAsync(ImageOptions options, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = $"{options.ContainersFolder}|{options.BaseImage}|{Name}";
        lock (BuiltLock)
        {
            if (!Built.TryGetValue(key, out var task) || task.IsFaulted || task.IsCanceled)
            {
                task = BuildAsync(options, log, ct);
                Built[key] = task;
            }

            return task;
        }
    }

    private async Task<string> BuildAsync(ImageOptions options, TextWriter log, CancellationToken ct)
    {
        using var client = DockerEngine.CreateClient();
        var baseId = await BaseImage.EnsureAsync(client, options, log, ct).ConfigureAwait(false);
        var repository = $"nat64harness/{Name}";
        var folder = Path.Combine(options.ContainersFolder, Name);
        var tag = $"{repository}:{ContentHash(options.ContainersFolder, baseId)}";
        var lockFolder = options.LockFolder ?? HostLock.DefaultFolder;
        RecordUse(lockFolder, tag);
        if (await BaseImage.TryInspectAsync(client, tag, ct).ConfigureAwait(false) is not null)
        {
            return tag;
        }

        // One build per tag on this host: another process (a parallel test run, a second checkout of the same
        // content) may be building it now; wait for it and use its image rather than build it twice at once.
        using var buildLock = await HostLock.AcquireAsync(BuildLockPath(tag, options.LockFolder), $"building {tag}", BuildLockWait, log, ct).ConfigureAwait(false);
        if (await BaseImage.TryInspectAsync(client, tag, ct).ConfigureAwait(false) is not null)
        {
            log.WriteLine($"{tag} was built by another process meanwhile");
            return tag;
        }

        if (_prepare is not null)
        {
            await _prepare(folder, log, ct).ConfigureAwait(false);
        }

        if (_ownContext)
        {
            CopySharedFolders(options.ContainersFolder, folder);
        }

        log.WriteLine($"building {tag} from containers/{Name}/Dockerfile");
        var image = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(_ownContext ? folder : options.ContainersFolder)
            .WithDockerfile(_ownContext ? "Dockerfile" : $"{Name}/Dockerfile")
            .WithName(tag)
            .WithBuildArgument("BASE_IMAGE", options.BaseImage)
            .WithLabel(HarnessLabels.Image, Name)
            .WithCleanUp(false)
            .WithDeleteIfExists(false)
            // No registry and no default bridge: RUN steps reach the Debian mirror through the host's network.
            .WithCreateParameterModifier(p => p.NetworkMode = "host")
            .Build();
        await image.CreateAsync(ct).ConfigureAwait(false);
        await RemoveOlderTagsAsync(client, repository, tag, lockFolder, ct).ConfigureAwait(false);
        await RemoveStaleBuildStagesAsync(client, ct).ConfigureAwait(false);
        return tag;
    }

    /// <summary>How long a build waits for another process building the same tag (the Jool image takes 2-7 minutes alone).</summary>
    public static readonly TimeSpan BuildLockWait = TimeSpan.FromMinutes(30);

    /// <summary>The host-wide lock file of one tag's build under <paramref name="lockFolder"/> (default <see cref="HostLock.DefaultFolder"/>).</summary>
    public static string BuildLockPath(string tag, string? lockFolder = null) =>
        Path.Combine(lockFolder ?? HostLock.DefaultFolder, "images", tag.Replace('/', '_').Replace(':', '@') + ".lock");

    /// <summary>Label a multi-stage Dockerfile puts on its build stage (its image is left untagged by the build).</summary>
    public const string StageLabel = "nat64harness.stage";

    // A rebuild leaves the previous build stage dangling; keep the newest of each stage (the layer cache of the
    // next build) and remove the rest, so no image accumulates per rebuild.
    private static async Task RemoveStaleBuildStagesAsync(DockerClient client, CancellationToken ct)
    {
        var stages = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["dangling"] = new Dictionary<string, bool> { ["true"] = true },
                ["label"] = new Dictionary<string, bool> { [StageLabel] = true },
            },
        }, ct).ConfigureAwait(false);
        foreach (var stale in stages.GroupBy(i => i.Labels is { } l && l.TryGetValue(StageLabel, out var v) ? v : "").SelectMany(g => g.OrderByDescending(i => i.Created).Skip(1)))
        {
            try
            {
                await client.Images.DeleteImageAsync(stale.ID, new ImageDeleteParameters { Force = false }, ct).ConfigureAwait(false);
            }
            catch (DockerApiException)
            {
                // In use by a concurrent build; the next build removes it.
            }
        }
    }

    /// <summary>
    /// Tags of one image kept besides the one just built: two checkouts (or branches) with different content share
    /// one engine, and removing the other's tag the moment a build finishes makes its next container start fail.
    /// A few tags bound the growth just as well.
    /// </summary>
    private const int OlderTagsKept = 3;

    /// <summary>
    /// How long after a process last asked for a tag it is never removed, however many newer tags there are: longer
    /// than a whole suite runs (90 minutes at most in CI), so a run that resolved its image before another process's
    /// build finished still finds it when it starts its containers later.
    /// </summary>
    public static readonly TimeSpan InUseFor = TimeSpan.FromHours(2);

    /// <summary>The file whose modification time says when a process on this host last asked for <paramref name="tag"/>.</summary>
    public static string UsePath(string lockFolder, string tag) =>
        Path.Combine(lockFolder, "images", tag.Replace('/', '_').Replace(':', '@') + ".used");

    private static void RecordUse(string lockFolder, string tag)
    {
        var path = UsePath(lockFolder, tag);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Empty); // rewriting the file is what stamps the time of use
    }

    /// <summary>
    /// The images of one repository a build may remove: not the one just built (<paramref name="keep"/>), not the
    /// <see cref="OlderTagsKept"/> newest others, and none whose tag a process asked for within <see cref="InUseFor"/>
    /// (<paramref name="lastUse"/>, null when never recorded).
    /// </summary>
    internal static IEnumerable<T> Removable<T>(IEnumerable<T> images, Func<T, IReadOnlyList<string>> tags, Func<T, DateTime> created, string keep, Func<string, DateTime?> lastUse, DateTime now) =>
        images.Where(i => !tags(i).Contains(keep)).OrderByDescending(created).Skip(OlderTagsKept)
            .Where(i => !tags(i).Any(t => lastUse(t) is { } used && now - used < InUseFor));

    private static async Task RemoveOlderTagsAsync(DockerClient client, string repository, string keep, string lockFolder, CancellationToken ct)
    {
        var images = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [repository] = true } },
        }, ct).ConfigureAwait(false);
        DateTime? LastUse(string tag) => new FileInfo(UsePath(lockFolder, tag)) is { Exists: true } used ? used.LastWriteTimeUtc : null;
        foreach (var old in Removable(images, i => (IReadOnlyList<string>?)i.RepoTags ?? [], i => i.Created, keep, LastUse, DateTime.UtcNow).ToList())
        {
            try
            {
                await client.Images.DeleteImageAsync(old.ID, new ImageDeleteParameters { Force = false }, ct).ConfigureAwait(false);
                foreach (var tag in old.RepoTags ?? [])
                {
                    File.Delete(UsePath(lockFolder, tag));
                }
            }
            catch (DockerApiException)
            {
                // Still used by a container of a concurrent run; the next build removes it.
            }
        }
    }

    private string ContentHash(string containers, string baseId)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(baseId));
        foreach (var folder in SharedFolders.Append(Name))
        {
            var dir = Path.Combine(containers, folder);
            var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => !IsGenerated(folder, Path.GetRelativePath(dir, f)))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(containers, file)));
                sha.AppendData(File.ReadAllBytes(file));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    // Build outputs, and the copies of the shared folders inside an own-context image's folder, follow from
    // files already hashed: hashing them too would change the tag once they exist.
    private bool IsGenerated(string folder, string relative)
    {
        var segments = relative.Split(Path.DirectorySeparatorChar);
        return segments.Any(GeneratedFolders.Contains) || (_ownContext && folder == Name && SharedFolders.Contains(segments[0]));
    }

    private static void CopySharedFolders(string containers, string folder)
    {
        foreach (var shared in SharedFolders)
        {
            var target = Path.Combine(folder, shared);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            foreach (var file in Directory.EnumerateFiles(Path.Combine(containers, shared), "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(target, Path.GetRelativePath(Path.Combine(containers, shared), file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }
    }
}
