using FluentAssertions;
using Nat64Harness.Cli;
using Xunit;

namespace Nat64Harness.Tests.Unit;

/// <summary>
/// What a live verb shows the person at the terminal: its own lines, whole, also kept in the log; Testcontainers'
/// lines (written to the console) in the log only. `bench` prints its progress through <see cref="CliOutput.Terminal"/>.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CliOutputTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("nat64h-clioutput-");

    [Fact]
    public void Terminal_LinesWrittenThroughIt_ReachTheTerminalAndTheLog_AndTheConsoleOnlyTheLog()
    {
        // Given a verb's output with its terminal
        using var terminal = new StringWriter();
        using (var output = CliOutput.Start(_folder.FullName, "bench", verbose: false, terminal))
        {
            // When progress is written through Terminal (a line in two pieces among them) and Testcontainers logs
            output.Terminal.WriteLine("  baseline/tayga  udp #1  own 368.7 Mbit/s");
            output.Terminal.Write("  perapp-vpn/tayga ");
            output.Terminal.WriteLine("udp #1  own 231.2 Mbit/s");
            Console.WriteLine("[testcontainers.org 00:00:01.00] Execute \"cat /proc/net/dev\" at Docker container 0aef067d050d");
        }

        // Then the terminal has the progress lines, whole and nothing else, and the log has everything
        terminal.ToString().Should().Be($"  baseline/tayga  udp #1  own 368.7 Mbit/s{Environment.NewLine}  perapp-vpn/tayga udp #1  own 231.2 Mbit/s{Environment.NewLine}");
        File.ReadAllText(_folder.GetFiles("*-bench-*.log").Single().FullName).Should()
            .Contain("own 368.7 Mbit/s").And.Contain("perapp-vpn/tayga udp #1").And.Contain("testcontainers.org");
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
