using FluentAssertions;
using Xunit;

namespace Nat64Harness.Packets.Tests.Oracle;

public sealed class OracleNegativeTests
{
    public static TheoryData<string> Cases => new(OracleNegativeCases.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Judge_OneFieldBroken_FailsNamingThatField(string name)
    {
        // Given: a correct pair whose check of the field passes
        var c = OracleNegativeCases.Get(name);
        var (before, after) = OraclePositiveTests.Scenario(c.Scenario);
        var correct = OracleTestHelper.Judge(c.Before?.Invoke(before) ?? before, after);
        if (c.Before is null)
        {
            correct.Passed.Should().BeTrue(OracleTestHelper.Explain(correct));
            correct[c.Field].Should().NotBeNull("the rule must be checked on the correct pair too").And.Match<Nat64Harness.Oracle.FieldCheck>(f => f.Passed);
        }

        // When: exactly one field changes
        var verdict = OracleTestHelper.Judge(c.Before?.Invoke(before) ?? before, c.After?.Invoke(after) ?? after);

        // Then
        verdict.Passed.Should().BeFalse();
        verdict.Failures.Select(f => f.Field).Should().Contain(c.Field, OracleTestHelper.Explain(verdict));
        verdict.Failures.Should().OnlyContain(f => f.RfcClause.Length > 0);
    }
}
