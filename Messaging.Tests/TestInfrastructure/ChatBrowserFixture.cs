using Microsoft.Playwright;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright, shared by the chat journeys; never downloads a browser.
/// Same Chromium and flags as <see cref="BrowserFixture"/>; kept separate because it adds cookie sign-in, time zones and
/// console capture. Folding it into BrowserFixture/BrowserSession is a small follow-up.
/// </summary>
public sealed class ChatBrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Blazor Server needs a moment to open its circuit on a busy machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestServices.RequireChromium(),
            Headless = true,
            Args = BrowserFixture.ChromiumArgs,
        });
    }

    /// <summary>A browser context signed in the way people do it: through the sign-in form.</summary>
    public async Task<IPage> OpenWithLoginAsync(MessagingHost host, TestUser user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.GetLeftPart(UriPartial.Authority),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await BrowserSession.SignInAsync(page, user.Email, user.Password);
        return page;
    }

    /// <summary>A signed-in browser context (its own cookies, like a separate person) with one page open.</summary>
    public async Task<IPage> OpenAsync(MessagingHost host, Guid userId, string? culture = null, int width = 1280, int height = 800, string timeZone = "UTC")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.GetLeftPart(UriPartial.Authority),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = culture ?? "en",
            TimezoneId = timeZone,
        });
        context.SetDefaultTimeout(15_000);
        await CookieSignIn.SignInAsync(context, host, userId, culture);
        var page = await context.NewPageAsync();
        // Browser console errors land in the test log (stdout): the first thing to read when a journey fails.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Console.WriteLine($"[browser {message.Type}] {message.Text}");
            }
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
