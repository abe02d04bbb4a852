namespace Nat64Harness.Model;

/// <summary>
/// What one capture point saw during an exchange, counted over every packet its filter passed, and what part of
/// it the pcap holds: a bounded capture writes the first and the last packets and leaves out the middle of a long
/// exchange (a bulk transfer), whose packets are counted here all the same.
/// </summary>
/// <param name="Packets">Packets the filter passed.</param>
/// <param name="Written">Packets written to the pcap.</param>
/// <param name="HeadEnd">When the last packet before the omitted stretch was seen, when packets were omitted.</param>
/// <param name="TailStart">When the first packet after the omitted stretch was seen, when packets were omitted.</param>
/// <param name="CaptureDrops">Packets the capture itself lost (the kernel's or libpcap's buffer was full): counted nowhere else.</param>
/// <param name="Outbound">What travelled toward the echo server.</param>
/// <param name="Inbound">What travelled back toward the probe.</param>
/// <param name="IcmpErrors">ICMP errors seen, by sender, type, code and MTU (at most 16 kinds).</param>
public sealed record CaptureSummary(
    long Packets,
    long Written,
    DateTimeOffset? HeadEnd,
    DateTimeOffset? TailStart,
    long CaptureDrops,
    DirectionSummary Outbound,
    DirectionSummary Inbound,
    IReadOnlyList<IcmpErrorSeen> IcmpErrors)
{
    /// <summary>
    /// When the capture became live (its filter set on the open socket): a packet the kernel stamped earlier is not in
    /// it. The host's clock, which also stamps the packets. Null when unknown (a capture made elsewhere).
    /// </summary>
    public DateTimeOffset? Opened { get; init; }

    /// <summary>When the capture stopped reading: a packet stamped later is not in it. Null when unknown.</summary>
    public DateTimeOffset? Closed { get; init; }

    /// <summary>
    /// What went wrong with the capture's own reader, in words, when something did (it stopped with an error, or was
    /// still behind the kernel when the capture had to close): the counts above are then a lower bound. Null when it
    /// read everything the kernel handed it.
    /// </summary>
    public string? Reader { get; init; }

    /// <summary>Whether the capture lost packets of its own or its reader went wrong: its counts are a lower bound.</summary>
    public bool Incomplete => CaptureDrops > 0 || Reader is not null;

    /// <summary>
    /// What the kernel said it handed the capture's socket (packets that passed its filter, drops included), read as
    /// the capture closed; with <see cref="Packets"/> it shows a reader that fell behind. Null when not known (a capture
    /// made by tcpdump, or elsewhere).
    /// </summary>
    public long? KernelReceived { get; init; }

    /// <summary>Packets counted but left out of the pcap.</summary>
    public long Omitted => Packets - Written;

    /// <summary>The summary of one direction.</summary>
    public DirectionSummary Of(TrafficDirection direction) => direction == TrafficDirection.Outbound ? Outbound : Inbound;
}
