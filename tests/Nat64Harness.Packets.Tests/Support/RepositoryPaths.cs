namespace Nat64Harness.Packets.Tests.Support;

/// <summary>Finds the repository root (where Nat64Harness.sln lives) from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Nat64Harness.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException($"Nat64Harness.sln not found above {AppContext.BaseDirectory}");
        }
    }

    public static string Fixtures => Path.Combine(Root, "fixtures");
}
