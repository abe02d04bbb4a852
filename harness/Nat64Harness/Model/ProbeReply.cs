using System.Net;

namespace Nat64Harness.Model;

/// <summary>One ICMPv6 echo request and what answered it: its echo reply, an ICMPv6 error quoting it, or nothing.</summary>
/// <param name="Sequence">The request's sequence number (1-based).</param>
/// <param name="Ok">An echo reply with the same data came back.</param>
/// <param name="Sent">Data bytes sent.</param>
/// <param name="Received">Data bytes of the echo reply.</param>
/// <param name="Type">ICMPv6 type of the answer (129 echo reply; 1-4 errors), null on timeout.</param>
/// <param name="Code">ICMPv6 code of an error.</param>
/// <param name="Source">Who answered.</param>
/// <param name="Mtu">The MTU of a Packet Too Big (type 2).</param>
/// <param name="RttMs">Time to the answer.</param>
/// <param name="Error">Why not ok.</param>
public sealed record ProbeReply(int Sequence, bool Ok, int Sent, int? Received, int? Type, int? Code, IPAddress? Source, long? Mtu, double? RttMs, string? Error);
