namespace Nat64Harness.Docker;

/// <summary>
/// The Docker engine failed under a run: it stopped answering, or stopped every container of the run at once (what
/// it does when it is restarted or shut down). The message says which, with what Docker still reports; the inner
/// exception is what the harness saw first (a broken exec stream, a refused connection).
/// </summary>
public sealed class EngineFailureException(string message, Exception inner) : Exception(message, inner);
