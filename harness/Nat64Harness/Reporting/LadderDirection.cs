namespace Nat64Harness.Reporting;

/// <summary>Which way a packet travels along the path drawn left (probe) to right (IPv4 echo server).</summary>
public enum LadderDirection
{
    /// <summary>Away from the probe, toward the IPv4 side.</summary>
    Outbound,

    /// <summary>Back toward the probe.</summary>
    Inbound,
}
