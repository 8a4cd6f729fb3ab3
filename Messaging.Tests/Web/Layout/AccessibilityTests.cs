using Deque.AxeCore.Playwright;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Layout;

/// <summary>axe-core (embedded in Deque.AxeCore.Playwright, so nothing is downloaded) on the shell's pages in both languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("en-US", "/account/login")]
    [InlineData("ar", "/account/login")]
    [InlineData("en-US", "/account/register")]
    [InlineData("ar", "/account/register")]
    public async Task Axe_SignedOutPage_NoSeriousViolations(string locale, string path)
    {
        await using var visitor = await browser.NewSessionAsync(app.Host.BaseAddress, locale);
        await visitor.Page.GotoAsync(path);
        Assert.Equal(locale[..2], await visitor.HtmlAttributeAsync("lang"));

        await AssertAccessibleAsync(visitor, path);
    }

    [Theory]
    [InlineData("en-US", "/settings")]
    [InlineData("ar", "/settings")]
    [InlineData("en-US", "/admin")]
    [InlineData("ar", "/admin")]
    public async Task Axe_AdminPage_NoSeriousViolations(string locale, string path)
    {
        using var api = app.Host.CreateApi();
        await api.RegisterAsync("Waiting Person");
        await using var admin = await browser.NewSessionAsync(app.Host.BaseAddress, locale);
        await admin.SignInAdminAsync(locale[..2]);
        await admin.GotoAsync(path);

        await AssertAccessibleAsync(admin, path);
    }

    [Fact]
    public async Task Axe_AwaitingVerification_NoSeriousViolations()
    {
        using var api = app.Host.CreateApi();
        var pending = await api.RegisterAsync("Pending Axe");
        await using var user = await browser.NewSessionAsync(app.Host.BaseAddress, "ar");
        await user.SignInAsync(pending.Email, pending.Password, "ar");

        await AssertAccessibleAsync(user, "/account/pending");
    }

    private static async Task AssertAccessibleAsync(BrowserSession session, string path)
    {
        var result = await session.Page.RunAxe();
        Assert.True(result.Passes.Length > 0, "axe did not run any rule.");

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(serious.Length == 0, $"{path} ({await session.HtmlAttributeAsync("lang")}): " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
