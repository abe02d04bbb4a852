namespace Nat64Harness.Model;

/// <summary>One second's mark of a TCP flow's progress, as the probe sampled it.</summary>
/// <param name="TMs">Milliseconds since the flow started.</param>
/// <param name="Acked">Bytes the peer had acknowledged.</param>
/// <param name="Received">Bytes received back.</param>
/// <param name="Retrans">Retransmissions so far.</param>
public sealed record ProgressSample(long TMs, long Acked, long Received, long Retrans);
