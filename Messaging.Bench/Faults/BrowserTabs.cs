using Microsoft.Playwright;

namespace Messaging.Bench.Faults;

/// <summary>
/// The headless Chromium behind the checker's browser tabs (Debian's <c>/usr/bin/chromium</c> driven by Playwright;
/// never downloads a browser). Started only when the run has tabs.
/// </summary>
internal sealed class BrowserTabs(string chromium) : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>
    /// Opens <paramref name="count"/> tabs, each signed in as a recipient (not the creator) of one conversation, groups
    /// first (they are the busiest), one after the other (a loaded machine starts them slowly).
    /// </summary>
    public async Task<List<BrowserClient>> OpenAsync(int count, IReadOnlyList<BenchConversation> conversations, IReadOnlyList<Uri> nodes, Action<string> log)
    {
        var tabs = new List<BrowserClient>();
        if (count <= 0 || conversations.Count == 0)
        {
            return tabs;
        }

        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"The faults checker's browser tabs need Chromium at {chromium} (--chromium PATH, or --browsers 0).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        var ordered = conversations.OrderByDescending(c => c.Participants.Count).ToList();
        for (var k = 0; k < count; k++)
        {
            var conversation = ordered[k % ordered.Count];
            var user = conversation.Participants[1 + (k / ordered.Count % (conversation.Participants.Count - 1))];
            var tab = new BrowserClient(k, user, conversation, nodes, browser, log);
            await tab.StartAsync();
            tabs.Add(tab);
        }

        return tabs;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
