using System.Globalization;

namespace Nat64Harness.Oracle;

/// <summary>
/// The hops between the two capture points: <see cref="Before"/> forwarding hops, the translator, then the rest of
/// <see cref="TranslationContext.ForwardingHops"/>. Each one decrements the hop limit and MUST answer zero with Time
/// Exceeded (RFC 7915 §4.1 / §5.1 for the translator, RFC 4443 §3.3 / RFC 1812 §5.3.1 for the others), so a packet whose
/// hop limit is at most <see cref="Limit"/> never leaves: the hop numbered by its hop limit answers it, quoting it as
/// that hop received it (hop limit 1). A hop after the translator holds the translation, so its error reaches the
/// sender translated back.
/// </summary>
internal readonly record struct TranslatorHops(int Before, int Total)
{
    /// <summary>The hops of <paramref name="context"/>.</summary>
    public static TranslatorHops Of(TranslationContext context) =>
        new(Math.Clamp(context.ForwardingHopsBefore ?? context.ForwardingHops / 2, 0, context.ForwardingHops), context.ForwardingHops);

    /// <summary>Hops after the translator.</summary>
    public int After => Total - Before;

    /// <summary>The largest hop limit that runs out between the capture points (1 + forwarding hops).</summary>
    public int Limit => 1 + Total;

    /// <summary>The position of the translator among the hops, from 1.</summary>
    public int Translator => Before + 1;

    /// <summary>
    /// A packet arriving with <paramref name="hopLimit"/> ≤ <see cref="Limit"/>: the hop numbered by its hop limit
    /// receives it with 1 left, answers Time Exceeded and quotes that 1 (a 0 stays 0).
    /// </summary>
    public HopAnswer TimeExceeded(byte hopLimit)
    {
        var hop = Math.Max(1, (int)hopLimit);
        return new HopAnswer(Name(hop), hop > Translator, HopLimitRange.Exactly(Math.Min((int)hopLimit, 1)));
    }

    /// <summary>
    /// A packet too big for a next hop. Quoted as received by the translator or a forwarding hop before it; or, by the
    /// translator's own output path or a hop after it, as its translation left the translator less the hops up to the
    /// answering one. The two ranges meet but do not overlap, so the quoted hop limit (null: unknown) tells which.
    /// </summary>
    public HopAnswer TooBig(byte hopLimit, int? quotedHopLimit)
    {
        var asReceived = new HopLimitRange(hopLimit - Before, hopLimit);
        if (quotedHopLimit is not { } quoted || quoted >= asReceived.Min)
        {
            return new HopAnswer("the translator", false, asReceived);
        }

        var leftTranslator = hopLimit - 1 - Before;
        return new HopAnswer("behind the translator", true, new HopLimitRange(leftTranslator - Math.Max(0, After - 1), leftTranslator));
    }

    /// <summary>A packet that should have left translated: whoever answered it, it was the translator or a hop before it.</summary>
    public HopAnswer Unexpected(byte hopLimit) => new("the translator", false, new HopLimitRange(hopLimit - Before, hopLimit));

    private string Name(int hop) => hop == Translator
        ? "the translator"
        : hop < Translator
            ? string.Create(CultureInfo.InvariantCulture, $"forwarding hop {hop} of {Before} before the translator")
            : string.Create(CultureInfo.InvariantCulture, $"forwarding hop {hop - Translator} of {After} after the translator");
}
