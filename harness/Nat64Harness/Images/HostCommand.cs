using System.Diagnostics;

namespace Nat64Harness.Images;

/// <summary>Runs a program on the host; a non-zero exit throws with the command line and its output's tail.</summary>
internal static class HostCommand
{
    public static async Task RunAsync(string file, IEnumerable<string> args, string hint, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            var tail = string.Join('\n', output.Split('\n').TakeLast(40));
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited {process.ExitCode}{hint}:\n{tail}");
        }
    }
}
