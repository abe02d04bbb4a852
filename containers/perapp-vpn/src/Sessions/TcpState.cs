namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>States of a proxied flow, seen from the VPN's side of the app's connection.</summary>
public enum TcpState
{
    /// <summary>SYN received, outbound connect in progress; no SYN-ACK yet.</summary>
    Connecting,

    /// <summary>Outbound connected, SYN-ACK sent, waiting for the app's ACK.</summary>
    SynAckSent,

    /// <summary>Data flows; each direction may already be half-closed.</summary>
    Established,

    /// <summary>Both FINs exchanged and acknowledged; lingers briefly to re-ACK retransmitted FINs.</summary>
    TimeWait,

    /// <summary>Reset or failed; to be removed.</summary>
    Closed,
}
