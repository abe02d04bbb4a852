namespace Nat64Harness.Containers;

/// <summary>A container of the topology did not become ready; the message carries its name and logs.</summary>
public sealed class ContainerNotReadyException : Exception
{
    /// <summary>Creates the exception with the container's logs in its message.</summary>
    public ContainerNotReadyException(string container, string why, string stdout, string stderr, Exception? inner = null)
        : base($"container {container} did not become ready ({why}).\n--- {container} stdout ---\n{Tail(stdout)}\n--- {container} stderr ---\n{Tail(stderr)}", inner)
    {
        Container = container;
        Stdout = stdout;
    }

    /// <summary>The container's name.</summary>
    public string Container { get; }

    /// <summary>What the container printed on stdout (its readiness and failure lines).</summary>
    public string Stdout { get; }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(60));
}
