namespace Nat64Harness.Tests.Infrastructure;

/// <summary>A failed assertion on an exchange, carrying the paths of the captures kept for it.</summary>
public sealed class CaptureAssertionException(string message, Exception inner) : Exception(message, inner);
