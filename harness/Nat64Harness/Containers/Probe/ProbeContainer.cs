using System.Text.Json;
using Nat64Harness.Probing;

namespace Nat64Harness.Containers.Probe;

/// <summary>A running probe: each call runs one exchange inside it and returns its parsed result.</summary>
public sealed class ProbeContainer : HarnessContainer
{
    /// <summary>Creates the container from its configuration.</summary>
    public ProbeContainer(ProbeConfiguration configuration)
        : base(configuration)
    {
    }

    /// <summary>Runs the exchange; a failed exchange is a result with Ok false, not an exception.</summary>
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
            return new ProbeResult(exchange, JsonDocument.Parse(line).RootElement.Clone(), started, DateTimeOffset.UtcNow);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"probe {Name} printed no JSON for '{exchange}': {line}\n{result.Stderr}", e);
        }
    }
}
