using Nat64Harness.Addressing;
using Nat64Harness.Capture;
using Nat64Harness.Model;

namespace Nat64Harness.Tests.Reliability;

/// <summary>
/// What `nat64h verify` must do with any pair of files: give a verdict, or refuse with an error that names the file
/// (exit 2). A crash (any other exception), an error naming neither file, or no answer within the guard is a defect.
/// </summary>
public static class MalformedCaptureCheck
{
    /// <summary>
    /// Runs <paramref name="verify"/> on the two files; returns null when it answered acceptably, else what went
    /// wrong. <paramref name="guard"/> only tells a hang from an answer; it measures no speed.
    /// </summary>
    public static string? Judge(string before, string after, Func<string, string, ExchangeVerdict> verify, TimeSpan guard)
    {
        ArgumentNullException.ThrowIfNull(verify);
        var work = Task.Run(() => verify(before, after));
        try
        {
            if (!work.Wait(guard))
            {
                return $"no answer within {guard.TotalSeconds:F0} s (hang)";
            }

            return work.Result.Report is null ? "a verdict without a report" : null;
        }
        catch (AggregateException wrapped) when (wrapped.InnerException is { } e)
        {
            // The exceptions `nat64h verify` turns into exit 2 with their message: that message must name the file.
            if (e is PcapFormatException or IOException or ArgumentException or Nat64AddressingException)
            {
                var names = new[] { before, after }.Select(Path.GetFileName).OfType<string>();
                return names.Any(n => e.Message.Contains(n, StringComparison.Ordinal))
                    ? null
                    : $"{e.GetType().Name} naming neither file: {e.Message}";
            }

            return $"crash: {e.GetType().Name}: {e.Message}\n{e.StackTrace}";
        }
    }
}
