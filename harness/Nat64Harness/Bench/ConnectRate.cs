namespace Nat64Harness.Bench;

/// <summary>One connection-rate run: TCP handshakes completed through the path in a time.</summary>
/// <param name="Completed">Handshakes completed.</param>
/// <param name="Failed">Connects refused, reset or unanswered.</param>
/// <param name="Seconds">How long the run took.</param>
/// <param name="HandshakeMedianMs">Median time from connect to established, or null when none completed.</param>
/// <param name="FirstError">The first failure's reason, or null.</param>
public sealed record ConnectRate(long Completed, long Failed, double Seconds, double? HandshakeMedianMs, string? FirstError)
{
    /// <summary>Completed handshakes per second.</summary>
    public double PerSecond => Seconds > 0 ? Completed / Seconds : 0;
}
