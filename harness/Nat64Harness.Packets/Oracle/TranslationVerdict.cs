using Nat64Harness.Packets;

namespace Nat64Harness.Oracle;

/// <summary>The oracle's judgement of one packet pair, field by field.</summary>
/// <remarks>
/// Every rule makes a check and every check is counted in <see cref="CheckCount"/>. <see cref="Checks"/> holds them all
/// when the oracle keeps passing checks (a <see cref="TranslationOracle"/> does by default), or only the failures when
/// it counts the passing ones (a <see cref="Pairer"/> does by default: a pair that passes then costs no text at all).
/// </remarks>
public sealed record TranslationVerdict
{
    private readonly ReadOnlyMemory<byte> _describedPacket;
    private readonly bool _describedEmbedded;
    private string? _description;

    /// <summary>A verdict whose <paramref name="checks"/> are every check made.</summary>
    /// <param name="beforeIndex">Index of the packet before translation in its capture, when known.</param>
    /// <param name="afterIndex">Index of the packet after translation in its capture, when known.</param>
    /// <param name="direction">Direction of translation.</param>
    /// <param name="description">One line naming the flow, e.g. "UDP 2001:db8::2:40000 → 64:ff9b::6440:a:7".</param>
    /// <param name="checks">Every comparison made, passed or failed.</param>
    public TranslationVerdict(long? beforeIndex, long? afterIndex, TranslationDirection direction, string description, IReadOnlyList<FieldCheck> checks)
        : this(beforeIndex, afterIndex, direction, checks, checks.Count)
    {
        ArgumentNullException.ThrowIfNull(description);
        _description = description;
    }

    // The description of a pair is made from its original packet only when asked for: most pairs pass and are never printed.
    internal TranslationVerdict(long? beforeIndex, long? afterIndex, TranslationDirection direction, IpPacket described, IReadOnlyList<FieldCheck> checks, int checkCount)
        : this(beforeIndex, afterIndex, direction, checks, checkCount)
    {
        _describedPacket = described.Bytes;
        _describedEmbedded = described.IsEmbedded;
    }

    private TranslationVerdict(long? beforeIndex, long? afterIndex, TranslationDirection direction, IReadOnlyList<FieldCheck> checks, int checkCount)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkCount, checks.Count);
        BeforeIndex = beforeIndex;
        AfterIndex = afterIndex;
        Direction = direction;
        Checks = checks;
        CheckCount = checkCount;
    }

    /// <summary>Index of the packet before translation in its capture, when known.</summary>
    public long? BeforeIndex { get; init; }

    /// <summary>Index of the packet after translation in its capture, when known.</summary>
    public long? AfterIndex { get; init; }

    /// <summary>Direction of translation.</summary>
    public TranslationDirection Direction { get; init; }

    /// <summary>One line naming the flow, e.g. "UDP 2001:db8::2:40000 → 64:ff9b::6440:a:7".</summary>
    public string Description
    {
        get => _description ??= Describe(_describedPacket, _describedEmbedded);
        init => _description = value;
    }

    /// <summary>The checks kept: every comparison made, or the failures only when passing checks were counted (see remarks).</summary>
    public IReadOnlyList<FieldCheck> Checks { get; init; }

    /// <summary>Every comparison made, kept in <see cref="Checks"/> or only counted.</summary>
    public int CheckCount { get; init; }

    /// <summary>True when there is at least one check and every check passed.</summary>
    public bool Passed
    {
        get
        {
            if (CheckCount == 0)
            {
                return false;
            }

            for (var i = 0; i < Checks.Count; i++)
            {
                if (!Checks[i].Passed)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The checks that failed (always kept).</summary>
    public IEnumerable<FieldCheck> Failures => Checks.Where(c => !c.Passed);

    /// <summary>Finds the kept check of <paramref name="field"/>, or null.</summary>
    public FieldCheck? this[string field] => Checks.FirstOrDefault(c => c.Field == field);

    private static string Describe(ReadOnlyMemory<byte> packet, bool embedded) =>
        IpPacket.TryParse(packet, embedded, out var parsed, out var error) ? TranslationOracle.Describe(parsed) : error;
}
