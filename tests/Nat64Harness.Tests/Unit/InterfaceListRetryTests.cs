using FluentAssertions;
using Nat64Harness.LiveCapture;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// A capture's read of the host's interface list, tried again when .NET's reader throws while another topology
/// changes its veths (measured in a clean-clone CI run with two lanes): a passing read after failed ones is used, an
/// error that outlasts the tries names the bridge, and any other error is not retried.
/// </summary>
[Trait("Category", "Unit")]
public sealed class InterfaceListRetryTests
{
    private const string Bridge = "n64h-b7-v6";

    [Fact]
    public void Read_FailingThreeTimesThenAnswering_ReturnsTheAnswer_AfterThreePauses()
    {
        // Given a list reader that throws .NET's error three times, then answers
        var calls = 0;
        var pauses = 0;

        // When the capture reads the list
        var found = BridgeCapture.ReadInterfaceList(Bridge, () => ++calls <= 3 ? throw new ArgumentException("An invalid IP address was specified.") : "device", () => pauses++);

        // Then it got the answer on the fourth read, pausing between reads
        found.Should().Be("device");
        calls.Should().Be(4);
        pauses.Should().Be(3);
    }

    [Fact]
    public void Read_FailingEveryTime_ThrowsNamingTheBridgeAndTheError_AfterEveryTry()
    {
        // Given a list reader that always throws
        var calls = 0;

        // When the capture reads the list
        var read = () => BridgeCapture.ReadInterfaceList<string>(Bridge, () => { calls++; throw new ArgumentException("An invalid IP address was specified."); }, () => { });

        // Then the error names the bridge, the tries and the reader's message, after exactly that many reads
        var error = read.Should().Throw<InvalidOperationException>().Which;
        error.Message.Should().Contain(Bridge).And.Contain($"{BridgeCapture.ListAttempts} tries").And.Contain("An invalid IP address was specified");
        error.InnerException.Should().BeOfType<ArgumentException>();
        calls.Should().Be(BridgeCapture.ListAttempts);
    }

    [Fact]
    public void Read_ThrowingAnotherError_IsNotTriedAgain()
    {
        // Given a reader whose error is not the list race (a null argument, a missing libpcap)
        var calls = 0;

        // When the capture reads the list
        var nullArgument = () => BridgeCapture.ReadInterfaceList<string>(Bridge, () => { calls++; throw new ArgumentNullException("name"); }, () => { });
        var missing = () => BridgeCapture.ReadInterfaceList<string>(Bridge, () => { calls++; throw new DllNotFoundException("libpcap"); }, () => { });

        // Then each error passes through at its first read
        nullArgument.Should().Throw<ArgumentNullException>();
        missing.Should().Throw<DllNotFoundException>();
        calls.Should().Be(2);
    }
}
