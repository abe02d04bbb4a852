using Nat64Harness.Docker;
using Nat64Harness.Images;

namespace Nat64Harness.Reliability;

/// <summary>
/// One builder of the image-lock test: ensures containers/&lt;name&gt; exists as an image, and prints "result: built &lt;tag&gt;"
/// when this process built it or "reused &lt;tag&gt;" when another did (the harness logs "building &lt;tag&gt; from" only when it builds).
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
        // The build's own line, not the lock's purpose ("building <tag>") that a waiter's progress message quotes.
        var built = log.ToString().Contains($"building {tag} from ", StringComparison.Ordinal);
        Console.WriteLine($"result: {(built ? "built" : "reused")} {tag}");
        Console.Error.Write(log.ToString());
        return 0;
    }
}
