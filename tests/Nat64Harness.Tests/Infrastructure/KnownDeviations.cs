using Xunit.Sdk;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// Runs a check against a VPN's list of known deviations. Not listed: the assertions must pass. Listed: they must
/// fail, with the listed symptom in the failure; a pass ("the deviation disappeared: update the list") or another
/// failure fails the test. Each deviation seen is written to <c>known-deviations.txt</c> in the run's folder.
/// </summary>
public static class KnownDeviations
{
    /// <summary>The report file in a run's folder.</summary>
    public const string ReportFile = "known-deviations.txt";

    private static readonly object ReportLock = new();

    /// <summary>Runs <paramref name="assertions"/> as check <paramref name="check"/> of a VPN whose deviations are <paramref name="deviations"/>.</summary>
    /// <param name="deviations">The VPN's known deviations.</param>
    /// <param name="check">The check's name.</param>
    /// <param name="assertions">The check.</param>
    /// <param name="reportFolder">Where the report of deviations seen is appended, or null.</param>
    public static void Expect(IReadOnlyList<KnownDeviation> deviations, string check, Action assertions, string? reportFolder = null)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        ArgumentNullException.ThrowIfNull(assertions);
        var known = deviations.SingleOrDefault(d => d.Check == check);
        if (known is null)
        {
            assertions();
            return;
        }

        try
        {
            assertions();
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            if (!failure.Message.Contains(known.Symptom, StringComparison.OrdinalIgnoreCase))
            {
                throw new XunitException($"{check} failed, but not as its known deviation says ('{known.Symptom}': {known.Reason}, {known.Clause}); it failed with:\n{failure.Message}");
            }

            Report(reportFolder, $"{check}: known deviation seen: {known.Reason} ({known.Clause}); failure: {FirstLine(failure.Message)}");
            return;
        }

        throw new XunitException($"{check} passed, but it is listed as a known deviation ('{known.Symptom}': {known.Reason}, {known.Clause}): the VPN no longer deviates, so remove the entry");
    }

    private static void Report(string? folder, string line)
    {
        if (folder is null)
        {
            return;
        }

        lock (ReportLock)
        {
            Directory.CreateDirectory(folder);
            File.AppendAllText(Path.Combine(folder, ReportFile), line + Environment.NewLine);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
