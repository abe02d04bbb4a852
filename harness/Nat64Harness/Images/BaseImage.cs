using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Nat64Harness.Docker;

namespace Nat64Harness.Images;

/// <summary>
/// The base every image of ours builds FROM. <see cref="ImageOptions.BaseImage"/> names one the engine already
/// has or can pull (debian:bookworm-slim on a machine with a registry). Otherwise the harness bootstraps
/// nat64harness/base:bookworm once with debootstrap (minbase) and imports it, then reuses it.
/// </summary>
public static class BaseImage
{
    /// <summary>The image the harness bootstraps when no registry can give one.</summary>
    public const string Bootstrapped = "nat64harness/base:bookworm";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes sure the base image exists; returns its id (image builds are keyed on it).</summary>
    public static async Task<string> EnsureAsync(DockerClient client, ImageOptions options, TextWriter log, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var name = options.BaseImage;
            if (await TryInspectAsync(client, name, ct).ConfigureAwait(false) is { } id)
            {
                return id;
            }

            // Another process may be bootstrapping or pulling it now: one at a time on this host, then look again.
            using var hostLock = await HostLock.AcquireAsync(HarnessImage.BuildLockPath(name, options.LockFolder), $"making base image {name}", HarnessImage.BuildLockWait, log, ct).ConfigureAwait(false);
            if (await TryInspectAsync(client, name, ct).ConfigureAwait(false) is { } made)
            {
                return made;
            }

            if (name != Bootstrapped)
            {
                log.WriteLine($"base image {name} not present: pulling it");
                var (repo, tag) = SplitTag(name);
                await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repo, Tag = tag }, null, new Progress<JSONMessage>(), ct).ConfigureAwait(false);
                return await TryInspectAsync(client, name, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"base image {name} could not be pulled");
            }

            await BootstrapAsync(client, options.DebianMirror, log, ct).ConfigureAwait(false);
            return await TryInspectAsync(client, name, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"base image {name} missing after import");
        }
        finally
        {
            Gate.Release();
        }
    }

    internal static async Task<string?> TryInspectAsync(DockerClient client, string name, CancellationToken ct)
    {
        try
        {
            return (await client.Images.InspectImageAsync(name, ct).ConfigureAwait(false)).ID;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    private static async Task BootstrapAsync(DockerClient client, string mirror, TextWriter log, CancellationToken ct)
    {
        var debootstrap = new[] { "/usr/sbin/debootstrap", "/usr/bin/debootstrap" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"base image {Bootstrapped} is missing and debootstrap is not installed: run harness/setup-host.sh (apt-get install debootstrap), or set NAT64H_BASE_IMAGE=debian:bookworm-slim on a machine that can pull it");
        var rootfs = Directory.CreateTempSubdirectory("nat64h-rootfs-");
        var watch = Stopwatch.StartNew();
        log.WriteLine($"bootstrapping {Bootstrapped}: debootstrap --variant=minbase bookworm from {mirror} (about 30-60 s, once)");
        try
        {
            await HostCommand.RunAsync(debootstrap, ["--variant=minbase", "bookworm", rootfs.FullName, mirror], " (needs root)", ct).ConfigureAwait(false);

            // GNU tar keeps owners, modes and device nodes exactly; the import streams the file.
            var tarball = rootfs.FullName + ".tar";
            await HostCommand.RunAsync("tar", ["-C", rootfs.FullName, "-cf", tarball, "."], "", ct).ConfigureAwait(false);
            try
            {
                await using var stream = File.OpenRead(tarball);
                var (repo, tag) = SplitTag(Bootstrapped);
                await client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromSrc = "-", Repo = repo, Tag = tag },
                    stream, null, new Progress<JSONMessage>(), ct).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(tarball);
            }

            log.WriteLine($"bootstrapped {Bootstrapped} in {watch.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            rootfs.Delete(recursive: true);
        }
    }

    private static (string Repo, string Tag) SplitTag(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? (name[..colon], name[(colon + 1)..]) : (name, "latest");
    }
}
