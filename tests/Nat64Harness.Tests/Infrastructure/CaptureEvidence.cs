using FluentAssertions;
using Nat64Harness.Model;
using Nat64Harness.Verification;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// Runs a test's assertions on an exchange: when they fail, the exchange's pcaps stay in captures/ and their
/// paths are added to the failure, with the diagnosis of what the captures show (bytes each way, where the flow
/// stopped, bad packets, ICMP errors, the probe's TCP socket, kernel counters); when they pass, the pcaps are
/// removed (NAT64H_KEEP_CAPTURES=1 keeps them). The judging helpers are the shared assertion path of every
/// conformance class, broken-VPN tests included.
/// </summary>
public static class CaptureEvidence
{
    /// <summary>Asserts; keeps the captures and names them, with the diagnosis, on failure.</summary>
    public static void Assert(ExchangeRun run, Action assertions)
    {
        try
        {
            assertions();
        }
        catch (Exception e)
        {
            var diagnosis = run.Diagnosis ?? ExchangeDiagnoser.Diagnose(run);
            throw new CaptureAssertionException($"{IncompleteEvidence(run)}{e.Message}\n{diagnosis}\ncaptures kept: {string.Join(' ', run.Pcaps)}", e);
        }

        if (!TestSettings.Current.KeepCaptures)
        {
            foreach (var file in run.Files)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// The first words of a failure whose own captures lost packets (their kernel buffer overflowed, or their reader fell
    /// behind and never took what the kernel held, or stopped with an error): the packets the oracle finds without a partner may be the
    /// capture's loss, not the translation's, and the failure says so before anything else. Empty when none lost any.
    /// </summary>
    public static string IncompleteEvidence(ExchangeRun run)
    {
        var lost = run.Captures.Where(c => c.Summary?.Incomplete == true)
            .Select(c => $"the capture at {PathPoints.Describe(c.Point)} lost {c.Summary!.CaptureDrops} packets of its own{(c.Summary.Reader is { } r ? $" ({r})" : string.Empty)}").ToList();
        return lost.Count == 0 ? string.Empty
            : $"The evidence is incomplete: {string.Join("; ", lost)}. Packets without a partner below may be a capture's loss, not the translation's.\n";
    }

    /// <summary>The oracle on both bridges of a run (for a bulk transfer: what its pcaps keep): every pair conforms, and there is one.</summary>
    public static ExchangeVerdict Judge(ExchangeRun run, TranslatorSetup translator)
    {
        var verdict = ExchangeVerifier.Verify(run, translator);
        verdict.Conforms.Should().BeTrue($"every packet of {run.Name} must be translated as RFC 7915 says:\n{verdict}");
        return verdict;
    }

    /// <summary>
    /// What an exchange through a path broken on purpose must show: the probe reports the failure, whatever reached
    /// the router was translated right (nothing mistranslated, unexplained or duplicated), and the failure comes
    /// diagnosed. Returns the diagnosis for the test's own words about the cause.
    /// </summary>
    public static ExchangeDiagnosis AssertBrokenPath(ExchangeRun run, TranslatorSetup translator)
    {
        ExchangeDiagnosis? diagnosis = null;
        Assert(run, () =>
        {
            run.Result.Ok.Should().BeFalse("the path is broken on purpose");
            var verdict = ExchangeVerifier.Verify(run, translator);
            verdict.NoneMistranslated.Should().BeTrue($"what crossed the router must be translated right even on a broken path:\n{verdict}");
            diagnosis = run.Diagnosis;
            diagnosis.Should().NotBeNull("a failed exchange comes back diagnosed");
        });
        return diagnosis!;
    }
}
