namespace Nat64Harness.Model;

/// <summary>The facts of a started run that its report prints.</summary>
/// <param name="RunId">The run id: labels, container names and the captures folder carry it.</param>
/// <param name="Router">The NAT64 router.</param>
/// <param name="Vpn">The VPN under test's name, or "none".</param>
/// <param name="Plan">Its addresses.</param>
/// <param name="StartTime">From the start call to every container ready, image builds excluded.</param>
/// <param name="Directory">Where its pcaps and reports go.</param>
public sealed record RunInfo(string RunId, RouterKind Router, string Vpn, AddressPlan Plan, TimeSpan StartTime, string Directory);
