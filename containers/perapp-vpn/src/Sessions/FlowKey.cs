namespace Nat64Harness.PerAppVpn.Sessions;

/// <summary>5-tuple of a flow as the app sees it (ICMP echo: the identifier stands in for the source port).</summary>
public readonly record struct FlowKey(byte Version, byte Protocol, UInt128 Source, UInt128 Destination, ushort SourcePort, ushort DestinationPort);
