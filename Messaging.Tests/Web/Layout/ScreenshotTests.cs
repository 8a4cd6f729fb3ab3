using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Layout;

/// <summary>
/// Pictures of the shell's screens in both languages, for docs/screenshots (scripts/screenshots.sh sets
/// MESSAGING_SCREENSHOTS_DIR to it). Without that variable they go to a temporary folder, so the suite never dirties the tree.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Screenshots")]
public sealed class ScreenshotTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("MESSAGING_SCREENSHOTS_DIR") is { Length: > 0 } dir
        ? dir
        : Directory.CreateTempSubdirectory("messaging-screenshots-").FullName;

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Screenshots_MainScreens_WrittenAsPng(string language)
    {
        using var api = app.Host.CreateApi();
        var pending = await api.RegisterAsync(language == "ar" ? "سارة الحسن" : "Sarah Hassan", $"sarah.{Guid.NewGuid():N}@example.com");
        await api.RegisterAsync(language == "ar" ? "خالد المصري" : "Khaled Masri", $"khaled.{Guid.NewGuid():N}@example.com");
        Directory.CreateDirectory(Folder);
        var written = new List<string>();

        await using (var visitor = await browser.NewSessionAsync(app.Host.BaseAddress, language))
        {
            await visitor.Page.GotoAsync("/account/login");
            written.Add(await ShootAsync(visitor.Page, $"signin-{language}"));
            await visitor.Page.GotoAsync("/account/register");
            written.Add(await ShootAsync(visitor.Page, $"register-{language}"));
            await visitor.SignInAsync(pending.Email, pending.Password, language);
            written.Add(await ShootAsync(visitor.Page, $"pending-{language}"));
        }

        await using (var admin = await browser.NewSessionAsync(app.Host.BaseAddress, language))
        {
            await admin.SignInAdminAsync(language);
            await admin.GotoAsync("/settings");
            written.Add(await ShootAsync(admin.Page, $"settings-{language}"));
            await admin.GotoAsync("/admin");
            written.Add(await ShootAsync(admin.Page, $"admin-{language}"));
            // A few administrator actions so the users list and the audit log have something to show.
            var adminApi = await api.LoginAdminAsync();
            var khaled = await api.RegisterAsync(language == "ar" ? "خالد المصري" : "Khaled Masri", $"khaled.{Guid.NewGuid():N}@example.com");
            await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{khaled.Id}/verify", adminApi);
            await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{khaled.Id}/suspend", adminApi,
                new { reason = language == "ar" ? "رسائل مزعجة في المجموعات" : "Spam in group conversations", until = DateTime.UtcNow.AddDays(7) });
            await admin.GotoAsync("/admin/users");
            written.Add(await ShootAsync(admin.Page, $"admin-users-{language}"));
            await admin.GotoAsync("/admin/audit");
            await admin.Page.Locator("[data-testid=audit-action]").First.WaitForAsync();
            written.Add(await ShootAsync(admin.Page, $"audit-log-{language}"));
            await admin.Page.ClickAsync("[data-testid=user-menu] button");
            await admin.Page.Locator("[data-testid=menu-settings]").WaitForAsync();
            written.Add(await ShootAsync(admin.Page, $"menu-{language}", fullPage: false));
        }

        await using (var phone = await browser.NewSessionAsync(app.Host.BaseAddress, language, width: 390, height: 844))
        {
            await phone.SignInAdminAsync(language);
            await phone.GotoAsync("/admin");
            written.Add(await ShootAsync(phone.Page, $"admin-phone-{language}"));
            await phone.GotoAsync("/admin/audit");
            written.Add(await ShootAsync(phone.Page, $"audit-log-phone-{language}"));
        }

        Assert.All(written, file => Assert.True(new FileInfo(file).Length > 5_000, $"{file} is suspiciously small."));
    }

    private static async Task<string> ShootAsync(IPage page, string name, bool fullPage = true)
    {
        // Let transitions (ripples, the snackbar, the menu opening) settle so pictures are stable.
        await page.WaitForTimeoutAsync(400);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
