namespace Nat64Harness.Model;

/// <summary>Which way a packet travels along the path of an exchange.</summary>
public enum TrafficDirection
{
    /// <summary>From the probe toward the echo server (requests, uploads, and ICMP errors sent toward the server).</summary>
    Outbound,

    /// <summary>From the echo server back toward the probe (replies, downloads, and ICMP errors sent toward the probe).</summary>
    Inbound,
}
