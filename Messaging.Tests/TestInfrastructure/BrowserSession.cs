using System.Globalization;
using System.Resources;
using Microsoft.Playwright;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>One person in the browser: their context (cookies) and page, with the steps most journeys share.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    /// <summary>Path and query of the current page, e.g. <c>/account/pending</c>.</summary>
    public string Path => new Uri(Page.Url).PathAndQuery;

    public async Task GotoAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    /// <summary>
    /// Interactive pages only answer clicks once the circuit is up; the shell marks itself then. Static pages
    /// (sign-in, registration) never get the mark and need no wait.
    /// </summary>
    public async Task WaitForInteractiveAsync()
    {
        var shell = Page.Locator("[data-testid=shell]");
        await shell.WaitForAsync();
        if (await shell.GetAttributeAsync("data-static") != "true")
        {
            await Page.Locator("[data-testid=shell][data-interactive=true]").WaitForAsync();
        }
    }

    /// <summary>
    /// Signs in through the form. With <paramref name="language"/> the language is picked on the sign-in page first, which
    /// (like a person doing it) also saves it to the profile; without it the profile's language applies.
    /// </summary>
    public Task SignInAsync(string email, string password, string? language = null) => SignInAsync(Page, email, password, language);

    /// <summary>Signs in through the form on <paramref name="page"/> (see the instance method).</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string? language = null)
    {
        await page.GotoAsync(language is null ? "/account/login" : $"/account/login?culture={language}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public Task SignInAdminAsync(string? language = null) => SignInAsync(MessagingHost.AdminEmail, MessagingHost.AdminPassword, language);

    public async Task<string> HtmlAttributeAsync(string name) =>
        await Page.Locator("html").GetAttributeAsync(name) ?? "";

    /// <summary>A UI string as the app shows it, straight from the resx, so assertions follow translation changes.</summary>
    public static string Text<TResource>(string key, string culture)
    {
        var manager = new ResourceManager(typeof(TResource).FullName!, typeof(TResource).Assembly);
        return manager.GetString(key, CultureInfo.GetCultureInfo(culture)) ?? throw new InvalidOperationException($"No resource {key}");
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
