namespace Nat64Harness.Oracle;

/// <summary>What <see cref="JoolBibParser.Parse"/> read: the entries and the lines that looked like entries but were not.</summary>
public sealed record JoolBibParseResult(IReadOnlyList<BibEntry> Entries, IReadOnlyList<JoolBibLine> Unreadable)
{
    /// <summary>A static transport mapping of the entries; <paramref name="pool4"/> also marks pool addresses with no entry.</summary>
    /// <exception cref="ArgumentException">Two entries bind the same transport address.</exception>
    public StaticTransportMapping ToMapping(System.Net.IPNetwork? pool4 = null) => new(Entries, pool4);
}
