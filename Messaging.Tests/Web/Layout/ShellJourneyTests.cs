using System.Text.RegularExpressions;
using Messaging.Core.Accounts;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using ShellText = Messaging.Web.Resources.Shell;

namespace Messaging.Tests.Web.Layout;

/// <summary>The frame around every page: language and direction, role rules, phone widths.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task LanguageSwitch_SignedOut_SetsRtlAndPersistsAcrossReload()
    {
        await using var visitor = await browser.NewSessionAsync(app.Host.BaseAddress);
        await visitor.Page.GotoAsync("/account/login");
        Assert.Equal("ltr", await visitor.HtmlAttributeAsync("dir"));

        await visitor.Page.ClickAsync("[data-testid=language-switch]");

        await Expect(visitor.Page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(visitor.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(visitor.Page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        await visitor.Page.ReloadAsync();
        await Expect(visitor.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync(BrowserSession.Text<Messaging.Web.Resources.Account>("SignInTitle", "ar"));
    }

    [Fact]
    public async Task LanguageSwitch_InSettings_SavesProfileAndFollowsUserToNewBrowser()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Layla Settings");
        await using var first = await browser.NewSessionAsync(app.Host.BaseAddress);
        await first.SignInAsync(person.Email, person.Password);
        await first.GotoAsync("/settings");

        await first.Page.ClickAsync("[data-testid=language-ar]");

        await Expect(first.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(first.Page).ToHaveURLAsync(new Regex("/settings$"));
        await first.WaitForInteractiveAsync();
        await first.Page.ReloadAsync();
        await Expect(first.Page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        var profile = await app.Host.Services.GetRequiredService<ProfileHandler>().GetAsync(person.Id);
        Assert.Equal("ar", profile.Language);

        // A browser that never saw the cookie gets the profile's language at sign-in.
        await using var second = await browser.NewSessionAsync(app.Host.BaseAddress, locale: "en-US");
        await second.SignInAsync(person.Email, person.Password);
        await Expect(second.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
    }

    [Fact]
    public async Task CultureQuery_SignedIn_SetsCookieAndProfile()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Query Culture");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);

        await user.Page.GotoAsync("/settings?culture=ar");
        await user.Page.GotoAsync("/settings");

        await Expect(user.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        var profile = await app.Host.Services.GetRequiredService<ProfileHandler>().GetAsync(person.Id);
        Assert.Equal("ar", profile.Language);
    }

    [Fact]
    public async Task Admin_NonAdmin_IsRefusedWithLocalizedMessage()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Not Admin");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress, locale: "ar");
        await user.SignInAsync(person.Email, person.Password, "ar");

        await user.Page.GotoAsync("/admin");

        await Expect(user.Page.Locator("[data-testid=not-allowed]")).ToHaveTextAsync(BrowserSession.Text<ShellText>("NotAllowedTitle", "ar"));
        await Expect(user.Page.Locator("[data-testid=queue-table], [data-testid=admin-tabs]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task UserMenu_NonAdmin_HasNoAdministrationItem()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Menu Person");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);
        await user.GotoAsync("/settings");

        await user.Page.ClickAsync("[data-testid=user-menu] button");

        await Expect(user.Page.Locator("[data-testid=menu-settings]")).ToBeVisibleAsync();
        await Expect(user.Page.Locator("[data-testid=menu-admin]")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("ar")]
    public async Task Shell_PhoneWidth_HasNoHorizontalOverflow(string locale)
    {
        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress, locale, width: 390, height: 844);
        await admin.Page.GotoAsync("/account/login");
        await AssertNoOverflowAsync(admin.Page, "/account/login");
        await admin.Page.GotoAsync("/account/register");
        await AssertNoOverflowAsync(admin.Page, "/account/register");
        await admin.SignInAdminAsync(locale[..2]);

        foreach (var path in new[] { "/settings", "/admin" })
        {
            await admin.GotoAsync(path);
            await AssertNoOverflowAsync(admin.Page, path);
        }
    }

    [Fact]
    public async Task Keyboard_SignInPage_EveryControlReachableWithVisibleFocus()
    {
        await using var visitor = await browser.NewSessionAsync(app.Host.BaseAddress);
        await visitor.Page.GotoAsync("/account/login");
        await visitor.Page.FocusAsync("#email");

        // Backwards from the first field: the shell's controls, the skip link first of all.
        var before = new List<string>();
        for (var press = 0; press < 6 && !before.Contains("skip-link"); press++)
        {
            await visitor.Page.Keyboard.PressAsync("Shift+Tab");
            before.Add(await ActiveAsync(visitor.Page));
        }

        Assert.Contains("language-switch", before);
        Assert.Contains("skip-link", before);
        var outline = await visitor.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);

        // Forwards from the first field to the submit button.
        await visitor.Page.FocusAsync("#email");
        var after = new List<string>();
        for (var press = 0; press < 6 && !after.Contains("login-submit"); press++)
        {
            await visitor.Page.Keyboard.PressAsync("Tab");
            after.Add(await ActiveAsync(visitor.Page));
        }

        Assert.Equal(["password", "remember", "login-submit"], after);
    }

    private static Task<string> ActiveAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.dataset.testid || document.activeElement.className");

    private static async Task AssertNoOverflowAsync(IPage page, string path)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{path}: content is {widths[0]} px wide in a {widths[1]} px viewport.");
    }
}
