using Microsoft.Playwright;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// One headless Debian Chromium per test collection (starting it costs about a second; a context costs milliseconds).
/// Each simulated person gets their own <see cref="BrowserSession"/> (a fresh context: own cookies, language, viewport).
/// Never downloads a browser: Playwright drives the system Chromium through the driver shipped in its NuGet package.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>No sandbox (root in CI containers), no GPU, and nothing that phones home.</summary>
    public static readonly IReadOnlyList<string> ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

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
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new person at <paramref name="baseAddress"/>; <paramref name="locale"/> becomes their Accept-Language.</summary>
    public async Task<BrowserSession> NewSessionAsync(Uri baseAddress, string locale = "en-US", int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
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

    /// <summary>A browser context signed in by cookie (its own cookies, like a separate person) with one page open.</summary>
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

    /// <summary>
    /// A person with an on-disk profile (a browser of its own, not an incognito context), for what Chromium refuses to
    /// incognito windows, such as installing the app. <paramref name="profile"/> is an empty folder the caller deletes.
    /// </summary>
    public async Task<BrowserSession> NewProfileSessionAsync(Uri baseAddress, string profile)
    {
        var context = await playwright!.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = TestServices.RequireChromium(),
            Headless = true,
            Args = ChromiumArgs,
            BaseURL = baseAddress.ToString(),
        });
        context.SetDefaultTimeout(15_000);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new BrowserSession(context, page);
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

/// <summary>Tests that share one <see cref="BrowserFixture"/>; they run one after another, which suits a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
