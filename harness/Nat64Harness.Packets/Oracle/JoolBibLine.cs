namespace Nat64Harness.Oracle;

/// <summary>A line of BIB text the parser could not turn into an entry.</summary>
/// <param name="LineNumber">1-based line number in the text.</param>
/// <param name="Text">The line as it was.</param>
/// <param name="Reason">Why it was not read.</param>
public sealed record JoolBibLine(int LineNumber, string Text, string Reason);
