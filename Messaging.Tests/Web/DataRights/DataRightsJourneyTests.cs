using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Web.DataRights;

/// <summary>Data rights in a real browser: downloading my data (English) and deleting my account (Arabic) from /settings.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DataRightsJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Settings_DownloadMyData_ReadyLive_AndTheLinkGivesMyZip()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Export Journey");
        var friend = await api.CreateVerifiedUserAsync("Export Friend");
        var direct = await api.CreateDirectAsync(person, friend);
        await api.SendMessageAsync(friend, direct, "lunch at noon?");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress);
        await user.SignInAsync(person.Email, person.Password);
        await user.GotoAsync("/settings");

        await user.Page.ClickAsync("[data-testid=export-request]");

        // Pending first, then ready without a reload: the in-app notification refreshes the section.
        var ready = user.Page.Locator("[data-testid=data-export][data-status=ready] [data-testid=data-export-download]");
        await Expect(ready).ToBeVisibleAsync(new() { Timeout = 45_000 });
        var download = await user.Page.RunAndWaitForDownloadAsync(() => ready.ClickAsync());
        var path = await download.PathAsync();
        using var zip = ZipFile.OpenRead(path);
        Assert.Contains(zip.Entries, e => e.FullName == "profile.json");
        var conversation = zip.Entries.Single(e => e.FullName == $"conversations/{Guid.Parse(direct):N}.json");
        using var reader = new StreamReader(conversation.Open());
        Assert.Contains("lunch at noon?", await reader.ReadToEndAsync(), StringComparison.Ordinal);

        // The bell counts the "ready" notice.
        await Expect(user.Page.Locator("[data-testid=notification-badge]")).ToContainTextAsync("1");
    }

    [Fact]
    public async Task Settings_DeleteMyAccount_InArabic_SignsOut_AndOthersSeeDeletedUser()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Leaving Journey");
        var friend = await api.CreateVerifiedUserAsync("Staying Friend");
        var direct = await api.CreateDirectAsync(person, friend);
        await api.SendMessageAsync(person, direct, "goodbye everyone");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress, locale: "ar");
        await user.SignInAsync(person.Email, person.Password, language: "ar");
        await user.GotoAsync("/settings");
        await Expect(user.Page.Locator("#data-heading")).ToHaveTextAsync(BrowserSession.Text<Messaging.Web.Resources.DataRights>("Heading", "ar"));

        await PasswordField(user).FillAsync("not-my-password");
        await user.Page.ClickAsync("[data-testid=delete-account]");
        await user.Page.ClickAsync($"button:has-text('{BrowserSession.Text<Messaging.Web.Resources.DataRights>("DeleteConfirm", "ar")}')");
        await Expect(user.Page.GetByText(BrowserSession.Text<Messaging.Web.Resources.Errors>("WrongPassword", "ar"))).ToBeVisibleAsync();

        await PasswordField(user).FillAsync(person.Password);
        await user.Page.ClickAsync("[data-testid=delete-account]");
        await user.Page.ClickAsync($"button:has-text('{BrowserSession.Text<Messaging.Web.Resources.DataRights>("DeleteConfirm", "ar")}')");

        await Expect(user.Page).ToHaveURLAsync(LoginUrl(), new() { Timeout = 10_000 });
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/login", body: new { email = person.Email, password = person.Password });
        var messages = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/messaging/conversations/{direct}/messages", friend, language: "ar");
        Assert.Equal("مستخدم محذوف", messages!.AsArray().Single(m => m!["content"]!.GetValue<string>() == "goodbye everyone")!["sender_name"]!.GetValue<string>());
    }

    private static Microsoft.Playwright.ILocator PasswordField(BrowserSession user) =>
        user.Page.Locator("input[data-testid=delete-password], [data-testid=delete-password] input").First;

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginUrl();
}
