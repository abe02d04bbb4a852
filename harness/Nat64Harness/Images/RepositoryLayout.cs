namespace Nat64Harness.Images;

/// <summary>
/// The repository's folders: containers/ (image definitions), captures/ (what live runs write), fixtures/
/// (golden pcaps). <see cref="Discover"/> finds the root from the working directory or the running assembly;
/// nothing here reads the environment (the CLI and test fixtures pass NAT64H_REPO and NAT64H_CAPTURES in).
/// </summary>
/// <param name="Root">The repository root (the folder holding Nat64Harness.sln and containers/).</param>
public sealed record RepositoryLayout(string Root)
{
    private readonly string? _captures;

    /// <summary>containers/: the build context of every image of ours.</summary>
    public string Containers => Path.Combine(Root, "containers");

    /// <summary>fixtures/: golden pcaps, one folder per scenario.</summary>
    public string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>Where live runs write pcaps and reports: captures/ unless set.</summary>
    public string Captures
    {
        get => _captures ?? Path.Combine(Root, "captures");
        init => _captures = value;
    }

    /// <summary>The images' options for this checkout.</summary>
    public ImageOptions Images => new(Containers);

    /// <summary>
    /// The layout of <paramref name="root"/> when given; otherwise the first parent of the working directory, then
    /// of the running assembly, that holds Nat64Harness.sln and containers/.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder: the message says where it looked.</exception>
    public static RepositoryLayout Discover(string? root = null)
    {
        if (root is not null)
        {
            return IsRoot(root) ? new RepositoryLayout(Path.GetFullPath(root))
                : throw new DirectoryNotFoundException($"{root} is not a Nat64Harness repository (no Nat64Harness.sln and containers/ there)");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (IsRoot(dir.FullName))
                {
                    return new RepositoryLayout(dir.FullName);
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Nat64Harness repository not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; set NAT64H_REPO to its root.");
    }

    private static bool IsRoot(string dir) => File.Exists(Path.Combine(dir, "Nat64Harness.sln")) && Directory.Exists(Path.Combine(dir, "containers"));
}
