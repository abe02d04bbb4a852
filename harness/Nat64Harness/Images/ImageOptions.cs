namespace Nat64Harness.Images;

/// <summary>Where the images of ours are defined and what they build from.</summary>
/// <param name="ContainersFolder">The repository's containers/ folder: one folder per image, and the shared base/.</param>
public sealed record ImageOptions(string ContainersFolder)
{
    /// <summary>Debian's mirror, for debootstrap.</summary>
    public const string DefaultDebianMirror = "http://deb.debian.org/debian";

    /// <summary>The image every Dockerfile builds FROM (its ARG BASE_IMAGE): bootstrapped here unless one is given.</summary>
    public string BaseImage { get; init; } = Images.BaseImage.Bootstrapped;

    /// <summary>The mirror debootstrap fetches the bootstrapped base from.</summary>
    public string DebianMirror { get; init; } = DefaultDebianMirror;

    /// <summary>Where the host-wide build locks live, or null for <see cref="Docker.HostLock.DefaultFolder"/>.</summary>
    public string? LockFolder { get; init; }
}
