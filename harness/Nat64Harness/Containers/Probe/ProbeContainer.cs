using System.Text.Json;
using Nat64Harness.Model;

namespace Nat64Harness.Containers.Probe;

/// <summary>A running probe: each call runs one exchange inside it and returns its typed result.</summary>
public sealed class ProbeContainer : HarnessContainer
{
    /// <summary>Creates the container from its configuration.</summary>
    public ProbeContainer(HarnessContainerConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>Runs the exchange; a failed exchange is a result with Ok false, not an exception.</summary>
    /// <exception cref="InvalidOperationException">The probe printed nothing, or something that is not its result (named, with its stderr).</exception>
    public async Task<ProbeResult> RunExchangeAsync(Exchange exchange, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        var result = await ExecAsync(exchange.ToCommand(), ct).ConfigureAwait(false);
        var line = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (line is null)
        {
            throw new InvalidOperationException($"probe {Name} printed no result for '{exchange}' (exit {result.ExitCode}): {result.Stderr}");
        }

        try
        {
            return ProbeResult.Parse(exchange, line, started, DateTimeOffset.UtcNow);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"probe {Name} printed no valid result for '{exchange}' ({e.Message}): {line}\n{result.Stderr}", e);
        }
    }
}
