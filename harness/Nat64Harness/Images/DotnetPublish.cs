namespace Nat64Harness.Images;

/// <summary>
/// Publishes a .NET program self-contained for linux-x64 into &lt;folder&gt;/bin-publish, so its image needs no
/// .NET runtime from a registry: the Dockerfile copies bin-publish/.
/// </summary>
public static class DotnetPublish
{
    /// <summary>A prepare step for <see cref="HarnessImage.FromFolder"/> publishing the folder's only project.</summary>
    public static async Task IntoBinPublishAsync(string folder, TextWriter log, CancellationToken ct)
    {
        var project = Directory.EnumerateFiles(folder, "*.csproj").SingleOrDefault()
            ?? throw new InvalidOperationException($"{folder}: expected exactly one .csproj to publish");
        var output = Path.Combine(folder, "bin-publish");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        log.WriteLine($"publishing {Path.GetFileName(project)} self-contained into {output}");
        await HostCommand.RunAsync(
            "dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", output, "--nologo", "-v", "quiet"], "", ct).ConfigureAwait(false);
    }
}
