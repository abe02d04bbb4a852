namespace Nat64Harness.Reporting;

/// <summary>
/// How much of an exchange a report draws: a 50 MiB transfer captured in full is ~70 000 packets, and a report
/// that drew each would weigh hundreds of megabytes. Past the caps packets are counted and the pcap linked.
/// </summary>
/// <param name="MaxArrows">Arrows drawn per exchange, passing packets first come first served.</param>
/// <param name="MaxFailedArrows">Further arrows for failed packets past <paramref name="MaxArrows"/>.</param>
/// <param name="MaxFailures">Failed pairing events listed field by field per exchange.</param>
public sealed record LadderLimits(int MaxArrows = 400, int MaxFailedArrows = 100, int MaxFailures = 50)
{
    /// <summary>The defaults.</summary>
    public static LadderLimits Default { get; } = new();
}
