namespace Nat64Harness.Bench;

/// <summary>One receiver sample of a bulk stream: bytes received so far, seconds after the first byte.</summary>
/// <param name="Seconds">Seconds since the stream's first byte arrived.</param>
/// <param name="Bytes">Bytes received by then.</param>
public readonly record struct ByteSample(double Seconds, long Bytes);
