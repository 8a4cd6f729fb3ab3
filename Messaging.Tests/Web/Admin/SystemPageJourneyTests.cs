using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;
using AdminText = Messaging.Web.Resources.Admin;

namespace Messaging.Tests.Web.Admin;

[Collection(BrowserCollection.Name)]
public sealed class SystemPageJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Admin_InArabicOnAPhone_SeesHealthJobsAndThisNodeRightToLeftWithoutSideways()
    {
        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress, "ar", width: 390, height: 844);
        await admin.SignInAdminAsync("ar");
        await admin.GotoAsync("/admin");

        await admin.Page.Locator("[data-testid=nav-SystemNav]").ClickAsync();

        await Expect(admin.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/system$"));
        Assert.Equal("rtl", await admin.HtmlAttributeAsync("dir"));
        await Expect(admin.Page.Locator("h2", new() { HasText = BrowserSession.Text<AdminText>("SystemTitle", "ar") })).ToBeVisibleAsync();
        await Expect(admin.Page.Locator("[data-testid=system-database]")).ToHaveTextAsync("SQLite");
        var database = admin.Page.Locator("[data-testid=service-state][data-service=database]");
        await Expect(database).ToHaveAttributeAsync("data-state", "Healthy");
        await Expect(database).ToHaveTextAsync(BrowserSession.Text<AdminText>("StateHealthy", "ar"));
        await Expect(admin.Page.Locator("[data-testid=service-state][data-service=redis]"))
            .ToHaveTextAsync(BrowserSession.Text<AdminText>("StateNotConfigured", "ar"));
        await Expect(admin.Page.Locator("[data-testid=jobs-state]")).ToHaveAttributeAsync("data-state", "Healthy");
        await Expect(admin.Page.Locator("[data-testid=node-this]")).ToHaveTextAsync(BrowserSession.Text<AdminText>("ThisNode", "ar"));
        Assert.False(string.IsNullOrWhiteSpace(await admin.Page.Locator("[data-testid=system-version]").TextContentAsync()));

        // At phone width nothing makes the page scroll sideways.
        var overflow = await admin.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
    }
}
