using System.Globalization;

namespace Nat64Harness.Model;

/// <summary>
/// One policy-routing rule as <c>ip -6 rule show</c> prints it: <c>220:	from all lookup 220</c>,
/// <c>32765:	not from all fwmark 0xca6c lookup 51820</c>, <c>1:	from all to 64:ff9b::/96 unreachable</c>.
/// </summary>
/// <param name="Priority">The rule's priority (lower is consulted first).</param>
/// <param name="Selector">What it matches, as printed (<c>from all</c>, <c>not from all fwmark 0xca6c</c>).</param>
/// <param name="Action">lookup, or the type word: unreachable, prohibit, blackhole, goto, nop.</param>
/// <param name="Table">The table a <c>lookup</c> rule selects (<c>main</c>, <c>220</c>), else null.</param>
/// <param name="Line">The rule as printed.</param>
public sealed record KernelRule(int Priority, string Selector, string Action, string? Table, string Line)
{
    private static readonly string[] ActionWords = ["unreachable", "prohibit", "blackhole", "goto", "nop"];

    /// <summary>Every rule of a listing, in the order printed; blank lines are skipped.</summary>
    /// <exception cref="FormatException">A line without a <c>priority:</c> head; the message quotes it.</exception>
    public static IReadOnlyList<KernelRule> ParseListing(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(Parse).ToList();

    /// <summary>One rule line.</summary>
    /// <exception cref="FormatException">No <c>priority:</c> head; the message quotes the line.</exception>
    public static KernelRule Parse(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(line[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var priority))
        {
            throw new FormatException($"'{line}' does not start with a rule priority ('220:')");
        }

        var words = line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if ((words[i] is "lookup" or "table") && i + 1 < words.Length)
            {
                return new(priority, string.Join(' ', words[..i]), "lookup", words[i + 1], line);
            }

            if (ActionWords.Contains(words[i]))
            {
                return new(priority, string.Join(' ', words[..i]), words[i], null, line);
            }
        }

        return new(priority, string.Join(' ', words), "", null, line);
    }

    /// <summary>
    /// A priority for a rule of ours that the kernel consults before every rule of the VPN's: the lowest free one
    /// above <c>local</c>'s 0 and below the first other rule. Null when the VPN left no room (a rule at 1).
    /// </summary>
    public static int? FreePriorityAhead(IEnumerable<KernelRule> rules)
    {
        var used = rules.Select(r => r.Priority).ToHashSet();
        var first = used.Where(p => p > 0).DefaultIfEmpty(int.MaxValue).Min();
        return first > 1 ? 1 : null;
    }

    /// <inheritdoc />
    public override string ToString() => Line;
}
