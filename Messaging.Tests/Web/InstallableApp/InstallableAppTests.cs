using System.Text.Json;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;
using InstallText = Messaging.Web.Resources.Install;

namespace Messaging.Tests.Web.InstallableApp;

/// <summary>The product installs to a home screen (manifest, icons, service worker) and says plainly when it is offline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InstallableAppTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("en", "ltr")]
    [InlineData("ar", "rtl")]
    public async Task Manifest_InTheCallersLanguage_WithIconsThatExist(string language, string direction)
    {
        using var http = new HttpClient { BaseAddress = app.Host.BaseAddress };
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        using var response = await http.GetAsync(new Uri("/manifest.webmanifest", UriKind.Relative));
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        var manifest = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(BrowserSession.Text<InstallText>("AppName", language), manifest.GetProperty("name").GetString());
        Assert.Equal(direction, manifest.GetProperty("dir").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        foreach (var icon in manifest.GetProperty("icons").EnumerateArray())
        {
            using var image = await http.GetAsync(new Uri(icon.GetProperty("src").GetString()!, UriKind.Relative));
            Assert.True(image.IsSuccessStatusCode, icon.GetProperty("src").GetString());
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task SignInPage_ChromiumFindsItInstallable()
    {
        // Chromium never installs from incognito, which every ordinary test context is: this one has a profile.
        var profile = Directory.CreateTempSubdirectory("messaging-profile-").FullName;
        JsonElement? result;
        await using (var person = await browser.NewProfileSessionAsync(app.Host.BaseAddress, profile))
        {
            await person.Page.GotoAsync("/account/login");
            await person.Page.EvaluateAsync("() => navigator.serviceWorker.ready");
            var cdp = await person.Context.NewCDPSessionAsync(person.Page);
            result = await cdp.SendAsync("Page.getInstallabilityErrors");
        }

        Directory.Delete(profile, recursive: true);
        var errors = result!.Value.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()).ToArray();
        Assert.True(errors.Length == 0, "installability errors: " + string.Join(", ", errors));
    }

    [Fact]
    public async Task ServerGone_NavigationShowsTheOfflinePage_NotAStalePage()
    {
        // A server of its own, so that stopping it leaves the class's shared host alone.
        var server = new SqliteAppFixture();
        await server.InitializeAsync();
        await using var person = await browser.NewSessionAsync(server.Host.BaseAddress, "ar");
        try
        {
            await person.Page.GotoAsync("/account/login");
            await person.Page.EvaluateAsync("() => navigator.serviceWorker.ready");
            // Controlled once claimed; a reload makes sure this page's navigations go through the worker.
            await person.Page.ReloadAsync();
            Assert.True(await person.Page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"));
        }
        finally
        {
            await server.DisposeAsync();
        }

        await person.Page.GotoAsync("/");

        var offline = person.Page.Locator("[data-testid=offline]");
        await Expect(offline).ToContainTextAsync(BrowserSession.Text<InstallText>("OfflineTitle", "ar"));
        await Expect(offline).ToContainTextAsync(BrowserSession.Text<InstallText>("OfflineTitle", "en"));
        Assert.Equal("rtl", await person.Page.Locator("section[lang=ar]").GetAttributeAsync("dir"));
    }
}
