using System.Net;
using System.Text.RegularExpressions;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Web.Settings;

/// <summary>Cookie sessions in a real browser: sign-out ends them server-side, and ended access leaves open pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SessionJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task SignOut_CopiedCookie_NoLongerWorks()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Cookie Copier Victim");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);
        var cookie = (await user.Context.CookiesAsync()).Single(c => c.Name == CookieSignIn.CookieName).Value;
        Assert.Equal(HttpStatusCode.OK, await GetSettingsWithCookieAsync(cookie));

        await user.Page.GotoAsync("/account/logout");
        await user.Page.ClickAsync("[data-testid=logout-confirm]");
        await user.Page.WaitForURLAsync(LoginUrl());

        Assert.Equal(HttpStatusCode.Redirect, await GetSettingsWithCookieAsync(cookie));
    }

    [Fact]
    public async Task Settings_EndOtherSession_ItsTokenStopsAndThisOneIsMarked()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Settings Session Ender");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);
        await user.GotoAsync("/settings");
        await Expect(user.Page.Locator("[data-testid=session]")).ToHaveCountAsync(2);
        await Expect(user.Page.Locator("[data-testid=session][data-current=true] [data-testid=session-current]")).ToBeVisibleAsync();

        await user.Page.ClickAsync("[data-testid=session][data-current=false] [data-testid=session-end]");

        await Expect(user.Page.Locator("[data-testid=session]")).ToHaveCountAsync(1);
        await AccessAssertions.ExpectRejectedWithinAsync(api, person);
        await user.GotoAsync("/settings");
        Assert.Equal("/settings", user.Path);
    }

    [Fact]
    public async Task Reject_OpenPage_SentToSignInWithin5s()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Open Page Rejected");
        var admin = await api.LoginAdminAsync();
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);
        await user.GotoAsync("/settings");

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{person.Id}/reject", admin);

        await Expect(user.Page).ToHaveURLAsync(LoginUrl(), new() { Timeout = (float)AccessAssertions.Promise.TotalMilliseconds });
    }

    [Fact]
    public async Task EndSession_FromAnotherDevice_OpenPageSentToSignInWithin5s()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Open Page Ended");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);
        await user.GotoAsync("/settings");
        var sessions = (await api.GetAsync("/api/v1/users/me/sessions", person))!.AsArray();
        var browserSession = sessions.Single(s => !s!["current"]!.GetValue<bool>())!["session_id"]!.GetValue<string>();

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/users/me/sessions/{browserSession}", person);

        await Expect(user.Page).ToHaveURLAsync(LoginUrl(), new() { Timeout = (float)AccessAssertions.Promise.TotalMilliseconds });
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginUrl();

    private async Task<HttpStatusCode> GetSettingsWithCookieAsync(string cookie)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { BaseAddress = app.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/settings");
        request.Headers.Add("Cookie", $"{CookieSignIn.CookieName}={cookie}");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
