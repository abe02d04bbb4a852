namespace Nat64Harness.Images;

/// <summary>
/// Finds the repository's folders (containers/, captures/, fixtures/) from wherever the harness runs:
/// NAT64H_REPO when set, else the first parent of the working directory or of the assembly that holds
/// Nat64Harness.sln.
/// </summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootPath.Value;

    /// <summary>containers/: the build context of every image of ours.</summary>
    public static string Containers => Path.Combine(Root, "containers");

    /// <summary>captures/: where live runs write pcaps and reports.</summary>
    public static string Captures => Environment.GetEnvironmentVariable("NAT64H_CAPTURES") is { Length: > 0 } c ? c : Path.Combine(Root, "captures");

    /// <summary>fixtures/: golden pcaps.</summary>
    public static string Fixtures => Path.Combine(Root, "fixtures");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("NAT64H_REPO") is { Length: > 0 } repo)
        {
            return Path.GetFullPath(repo);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Nat64Harness.sln")) && Directory.Exists(Path.Combine(dir.FullName, "containers")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"Nat64Harness repository not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; set NAT64H_REPO to its root.");
    }
}
