using Nat64Harness.Tests.Infrastructure;
using Xunit;

namespace Nat64Harness.Tests.Support;

/// <summary>
/// Classes broken on purpose for the trait rules to catch (CiWorkflowTests). They hold no test method, so
/// neither the runner nor the rules' scan of the real test classes sees them.
/// </summary>
internal static class BrokenTestClasses
{
    public sealed class UntaggedDockerClass
    {
        public static void Gate() => DockerRequirement.Check();
    }

    [Trait("Category", "Unit")]
    public sealed class DockerClassTaggedUnit
    {
        public static void Gate() => DockerRequirement.Check();
    }

    [Trait("Category", "Docker")]
    [Trait("Router", "tayga")]
    [Trait("Prefix", "64:ff9b::/96")]
    public sealed class DockerClassWithoutVpn
    {
        public static void Gate() => DockerRequirement.Check();
    }
}
