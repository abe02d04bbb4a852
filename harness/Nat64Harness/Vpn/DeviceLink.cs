namespace Nat64Harness.Vpn;

/// <summary>The link layer of a per-app VPN's device toward the app, as its ready line states it (<c>link=</c>).</summary>
public enum DeviceLink
{
    /// <summary>A TUN: raw IP packets (pcap LINKTYPE_RAW), no neighbour discovery.</summary>
    Tun,

    /// <summary>A TAP: Ethernet frames (pcap LINKTYPE_ETHERNET), with the VPN stack's own ARP and neighbour discovery.</summary>
    Tap,
}
