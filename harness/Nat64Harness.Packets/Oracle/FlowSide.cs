using System.Net;

namespace Nat64Harness.Oracle;

/// <summary>One side (source or destination) of a packet before translation and the same side after it.</summary>
internal readonly record struct FlowSide(IPAddress Address, int? Port, IPAddress Seen, int? SeenPort);
