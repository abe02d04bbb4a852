using System.Diagnostics;

namespace Nat64Harness.Tests.Reliability;

/// <summary>
/// Starts tests/Nat64Harness.Reliability (nat64h-reliability) as a process of its own: contention and crashes are
/// only real between processes. Its build output sits beside this project's, in the same configuration.
/// </summary>
public static class ReliabilityTool
{
    /// <summary>The tool's assembly, found from this test assembly's output folder.</summary>
    public static string Path
    {
        get
        {
            // …/tests/Nat64Harness.Tests/bin/<Configuration>/<tfm>/ → …/tests/Nat64Harness.Reliability/bin/<Configuration>/<tfm>/
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            var tfm = here.Name;
            var configuration = here.Parent!.Name;
            var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
            var dll = System.IO.Path.Combine(tests, "Nat64Harness.Reliability", "bin", configuration, tfm, "nat64h-reliability.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} not built (it is a project reference of the tests)", dll);
        }
    }

    /// <summary>Starts the tool with <paramref name="args"/>, stdin, stdout and stderr redirected.</summary>
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(Path);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs the tool to its end; returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"nat64h-reliability {string.Join(' ', args)} did not finish within {timeout}: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
