using Xunit.Abstractions;
using Xunit.Sdk;

namespace Nat64Harness.Tests.Infrastructure;

/// <summary>
/// Marks a test that waits for something its class fixture started (the per-app classes' 65-second idle flows):
/// run last in its class, it finds the wait over instead of holding the class still for it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunsLastAttribute : Attribute;

/// <summary>
/// xUnit's own order for a class's tests, except that those marked <see cref="RunsLastAttribute"/> come after the rest.
/// Measured on the reference per-app VPN's class: its 1000-flow test, which waits for the idle flows, took 95 s when it
/// ran early (most of it waiting) and 36 s run last; the class went from 175 s to 145 s.
/// </summary>
public sealed class RunsLastOrderer(IMessageSink sink) : ITestCaseOrderer
{
    /// <summary>The orderer's type name, for <c>[TestCaseOrderer]</c>.</summary>
    public const string TypeName = "Nat64Harness.Tests.Infrastructure.RunsLastOrderer";

    /// <summary>The assembly that holds it.</summary>
    public const string AssemblyName = "Nat64Harness.Tests";

    private readonly DefaultTestCaseOrderer _default = new(sink);

    /// <inheritdoc />
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase
    {
        var ordered = _default.OrderTestCases(testCases).ToList();
        return ordered.Where(t => !IsLast(t)).Concat(ordered.Where(t => IsLast(t))).ToList();
    }

    private static bool IsLast(ITestCase test) =>
        test.TestMethod.Method.GetCustomAttributes(typeof(RunsLastAttribute).AssemblyQualifiedName).Any();
}
