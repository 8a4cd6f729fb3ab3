using Microsoft.Playwright;

namespace Messaging.Bench;

/// <summary>
/// Signed-in Blazor circuits held open by headless Chromium (the idle scenario's <c>--browser-circuits N</c>): one
/// browser context (own cookies) and page per user, signed in through the real sign-in form, left on the
/// conversations screen once its circuit is interactive. The server's memory with and without them, after a full
/// collection, is what one idle signed-in tab costs (docs/performance.md, "Memory").
/// </summary>
internal sealed class BrowserCircuits : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly List<IBrowserContext> contexts = [];

    private BrowserCircuits(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public int Count => contexts.Count;

    /// <summary>Starts headless Chromium; no circuit yet.</summary>
    public static async Task<BrowserCircuits> StartAsync(string chromium)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            return new BrowserCircuits(playwright, await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true }));
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens one more signed-in circuit per user (a few at a time), each on its user's node.</summary>
    public async Task OpenAsync(IReadOnlyList<BenchUser> users, TimeSpan timeout, Action<string> log)
    {
        foreach (var batch in users.Chunk(4))
        {
            await Task.WhenAll(batch.Select(u => OpenOneAsync(u, timeout)));
            log($"  {Count} circuits interactive");
        }
    }

    private async Task OpenOneAsync(BenchUser user, TimeSpan timeout)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = user.Node.ToString() });
        lock (contexts)
        {
            contexts.Add(context);
        }

        context.SetDefaultTimeout((float)timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", user.Email);
        await page.FillAsync("#password", Scenario.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Signing in lands on the conversations screen: loading it again would leave the first page's circuit behind,
        // disconnected and retained (DisconnectedCircuitRetentionPeriod), and count two circuits for one tab.
        if (new Uri(page.Url).AbsolutePath != "/")
        {
            await page.GotoAsync("/");
        }

        // The shell marks itself interactive once the circuit is up (see the tests' BrowserSession).
        await page.Locator("[data-testid=shell][data-interactive=true]").WaitForAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }

        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
