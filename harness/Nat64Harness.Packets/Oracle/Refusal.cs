namespace Nat64Harness.Oracle;

/// <summary>
/// Why a packet must (or may) not be translated, and which ICMP error, if any, goes back to its sender.
/// </summary>
/// <param name="Kind">Drop silently, drop and maybe answer, drop and answer, or drop-or-translate.</param>
/// <param name="Reason">The packet's feature, in words ("unexpired source route option").</param>
/// <param name="Rfc">The clause.</param>
/// <param name="ErrorType">Type of the ICMP error to send back (answering kinds).</param>
/// <param name="ErrorCode">Code of that error.</param>
/// <param name="Pointer">Pointer of a Parameter Problem answer, when the RFC fixes it.</param>
internal sealed record Refusal(RefusalKind Kind, string Reason, string Rfc, byte ErrorType = 0, byte ErrorCode = 0, uint? Pointer = null)
{
    /// <summary>A second ICMP error that answers the packet as well, when two rules apply to it (type, code).</summary>
    public (byte Type, byte Code)? Alternative { get; init; }

    /// <summary>The answer in words, e.g. "ICMPv4 3/5 (Destination Unreachable, Source Route Failed)".</summary>
    public string Answer(int version) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"ICMPv{(version == 4 ? 4 : 6)} {ErrorType}/{ErrorCode}{(Pointer is { } p ? $" pointer {p}" : string.Empty)}");
}
