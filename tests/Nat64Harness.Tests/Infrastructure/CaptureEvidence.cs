using Nat64Harness.Model;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// Runs a test's assertions on an exchange: when they fail, the exchange's pcaps stay in captures/ and
/// their paths are added to the failure; when they pass, the pcaps are removed (NAT64H_KEEP_CAPTURES=1 keeps them).
/// </summary>
public static class CaptureEvidence
{
    /// <summary>Asserts; keeps the captures and names them on failure.</summary>
    public static void Assert(ExchangeRun run, Action assertions)
    {
        try
        {
            assertions();
        }
        catch (Exception e)
        {
            throw new CaptureAssertionException($"{e.Message}\ncaptures kept: {string.Join(' ', run.Pcaps)}", e);
        }

        if (!TestSettings.Current.KeepCaptures)
        {
            foreach (var pcap in run.Pcaps)
            {
                File.Delete(pcap);
            }
        }
    }
}
