using Microsoft.Playwright;
using Xunit;

namespace Nat64Harness.Tests.Browser;

/// <summary>
/// Headless Chromium from the system's package (Debian's <c>chromium</c>, installed by harness/setup-host.sh;
/// Google Chrome on CI runners that have it), driven by Playwright with a fresh profile. Playwright's own
/// browser downloads are never used. The flags keep the browser from calling home: no background networking,
/// component updates, sync or QUIC probing.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    /// <summary>Variable naming the browser binary, when it is none of the usual paths.</summary>
    public const string Variable = "NAT64H_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    private readonly string _profile = Directory.CreateTempSubdirectory("nat64h-chromium-").FullName;
    private IPlaywright? _playwright;
    private IBrowserContext? _context;

    /// <summary>The browser binary, or null with the paths tried.</summary>
    public static string? Executable =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given : Candidates.FirstOrDefault(File.Exists);

    /// <summary>The browser, started once per test class.</summary>
    public IBrowserContext Context => _context ?? throw new InvalidOperationException("the browser is not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException(
            $"no Chromium found (tried {string.Join(", ", Candidates)}; or set {Variable}): run harness/setup-host.sh, which installs Debian's chromium");
        _playwright = await Playwright.CreateAsync();
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }

        _playwright?.Dispose();
        Directory.Delete(_profile, recursive: true);
    }
}
