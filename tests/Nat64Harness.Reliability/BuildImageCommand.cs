using Nat64Harness.Docker;
using Nat64Harness.Images;

namespace Nat64Harness.Reliability;

/// <summary>
/// One builder of the image-lock test: ensures containers/&lt;name&gt; exists as an image, and prints "built &lt;tag&gt;"
/// when this process built it or "reused &lt;tag&gt;" when another did (the harness logs "building" only when it builds).
/// </summary>
internal static class BuildImageCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (containers, locks, name) = (args[0], args[1], args[2]);
        DockerEngine.Configure(new EngineOptions());
        DockerEngine.EnsureConfigured();
        var log = new StringWriter();
        var options = new ImageOptions(containers) { LockFolder = locks };
        var tag = await HarnessImage.FromFolder(name).EnsureAsync(options, log).ConfigureAwait(false);
        var built = log.ToString().Contains($"building {tag}", StringComparison.Ordinal);
        Console.WriteLine($"{(built ? "built" : "reused")} {tag}");
        Console.Error.Write(log.ToString());
        return 0;
    }
}
