namespace Nat64Harness.Bench;

/// <summary>
/// A measurement that could not be made or read: the probe or iperf3 said it failed, or printed something that
/// is not a result. The message names the measurement, the field and what was seen.
/// </summary>
public sealed class BenchException : Exception
{
    /// <summary>A failure with its message.</summary>
    public BenchException(string message)
        : base(message)
    {
    }

    /// <summary>A failure caused by another exception.</summary>
    public BenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
