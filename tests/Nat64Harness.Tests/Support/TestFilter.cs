namespace Nat64Harness.Tests.Support;

/// <summary>
/// The <c>dotnet test --filter</c> language (conditions <c>Name=Value</c>, <c>!=</c>, <c>~</c>, <c>!~</c>, joined by
/// <c>&amp;</c> and <c>|</c>, grouped with parentheses; a bare value means <c>FullyQualifiedName~value</c>), parsed and
/// evaluated against a test's properties the way the runner does: case-insensitively, a trait matching when any of
/// its values does.
/// </summary>
internal sealed class TestFilter
{
    private readonly Node _root;

    private TestFilter(string text, Node root, IReadOnlyList<Condition> conditions)
    {
        Text = text;
        _root = root;
        Conditions = conditions;
    }

    /// <summary>The filter as written.</summary>
    public string Text { get; }

    /// <summary>Every condition in it.</summary>
    public IReadOnlyList<Condition> Conditions { get; }

    /// <summary>Parses a filter; throws FormatException naming the position of a fault.</summary>
    public static TestFilter Parse(string text)
    {
        var conditions = new List<Condition>();
        var position = 0;
        var root = ParseOr(text, ref position, conditions);
        if (position != text.Length)
        {
            throw new FormatException($"filter '{text}': unexpected '{text[position]}' at {position}");
        }

        return new TestFilter(text, root, conditions);
    }

    /// <summary>Whether a test with these properties (FullyQualifiedName, Name, each trait) is selected.</summary>
    public bool Matches(ILookup<string, string> properties) => _root.Evaluate(properties);

    private static Node ParseOr(string s, ref int i, List<Condition> all)
    {
        var left = ParseAnd(s, ref i, all);
        while (i < s.Length && s[i] == '|')
        {
            i++;
            left = new Or(left, ParseAnd(s, ref i, all));
        }

        return left;
    }

    private static Node ParseAnd(string s, ref int i, List<Condition> all)
    {
        var left = ParseTerm(s, ref i, all);
        while (i < s.Length && s[i] == '&')
        {
            i++;
            left = new And(left, ParseTerm(s, ref i, all));
        }

        return left;
    }

    private static Node ParseTerm(string s, ref int i, List<Condition> all)
    {
        if (i < s.Length && s[i] == '(')
        {
            i++;
            var inner = ParseOr(s, ref i, all);
            if (i >= s.Length || s[i] != ')')
            {
                throw new FormatException($"filter '{s}': missing ')' at {i}");
            }

            i++;
            return inner;
        }

        var start = i;
        while (i < s.Length && s[i] is not ('&' or '|' or ')'))
        {
            i += s[i] == '\\' ? 2 : 1;
        }

        var term = s[start..Math.Min(i, s.Length)].Replace("\\", string.Empty, StringComparison.Ordinal).Trim();
        if (term.Length == 0)
        {
            throw new FormatException($"filter '{s}': empty condition at {start}");
        }

        var condition = Condition.Parse(term);
        all.Add(condition);
        return new Leaf(condition);
    }

    /// <summary>One condition: a property, an operator and a value.</summary>
    internal sealed record Condition(string Property, string Operator, string Value)
    {
        public static Condition Parse(string term)
        {
            foreach (var op in new[] { "!=", "!~", "=", "~" })
            {
                var at = term.IndexOf(op, StringComparison.Ordinal);
                if (at > 0)
                {
                    return new Condition(term[..at].Trim(), op, term[(at + op.Length)..].Trim());
                }
            }

            return new Condition("FullyQualifiedName", "~", term);
        }

        public bool Evaluate(ILookup<string, string> properties)
        {
            var values = properties.Contains(Property) ? properties[Property] : [];
            return Operator switch
            {
                "=" => values.Any(v => string.Equals(v, Value, StringComparison.OrdinalIgnoreCase)),
                "!=" => !values.Any(v => string.Equals(v, Value, StringComparison.OrdinalIgnoreCase)),
                "~" => values.Any(v => v.Contains(Value, StringComparison.OrdinalIgnoreCase)),
                _ => !values.Any(v => v.Contains(Value, StringComparison.OrdinalIgnoreCase)),
            };
        }
    }

    private abstract record Node
    {
        public abstract bool Evaluate(ILookup<string, string> p);
    }

    private sealed record Leaf(Condition Condition) : Node
    {
        public override bool Evaluate(ILookup<string, string> p) => Condition.Evaluate(p);
    }

    private sealed record And(Node Left, Node Right) : Node
    {
        public override bool Evaluate(ILookup<string, string> p) => Left.Evaluate(p) && Right.Evaluate(p);
    }

    private sealed record Or(Node Left, Node Right) : Node
    {
        public override bool Evaluate(ILookup<string, string> p) => Left.Evaluate(p) || Right.Evaluate(p);
    }
}
