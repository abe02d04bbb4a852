using System.Diagnostics;

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
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", output, "--nologo", "-v", "quiet" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} exited {process.ExitCode}:\n{await stdout.ConfigureAwait(false)}{await stderr.ConfigureAwait(false)}");
        }
    }
}
