using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Layout;

/// <summary>
/// Pictures of the shell's screens in both languages, for docs/screenshots (scripts/screenshots.sh sets
/// MESSAGING_SCREENSHOTS_DIR to it). Without that variable they go to a temporary folder, so the suite never dirties the tree.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Screenshots")]
public sealed class ScreenshotTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Screenshots_MainScreens_WrittenAsPng(string language)
    {
        using var api = app.Host.CreateApi();
        var pending = await api.RegisterAsync(language == "ar" ? "سارة الحسن" : "Sarah Hassan", $"sarah.{Guid.NewGuid():N}@example.com");
        await api.RegisterAsync(language == "ar" ? "خالد المصري" : "Khaled Masri", $"khaled.{Guid.NewGuid():N}@example.com");
        var album = new ScreenshotAlbum();

        await using (var visitor = await browser.NewSessionAsync(app.Host.BaseAddress, language))
        {
            await visitor.Page.GotoAsync("/account/login");
            await album.ShootAsync(visitor.Page, $"signin-{language}");
            await visitor.Page.GotoAsync("/account/register");
            await album.ShootAsync(visitor.Page, $"register-{language}");
            await visitor.SignInAsync(pending.Email, pending.Password, language);
            await album.ShootAsync(visitor.Page, $"pending-{language}");
        }

        await using (var admin = await browser.NewSessionAsync(app.Host.BaseAddress, language))
        {
            await admin.SignInAdminAsync(language);
            await admin.GotoAsync("/settings");
            await album.ShootAsync(admin.Page, $"settings-{language}");
            await admin.GotoAsync("/admin");
            await album.ShootAsync(admin.Page, $"admin-{language}");
            // A few administrator actions so the users list and the audit log have something to show.
            var adminApi = await api.LoginAdminAsync();
            var khaled = await api.RegisterAsync(language == "ar" ? "خالد المصري" : "Khaled Masri", $"khaled.{Guid.NewGuid():N}@example.com");
            await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{khaled.Id}/verify", adminApi);
            await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{khaled.Id}/suspend", adminApi,
                new { reason = language == "ar" ? "رسائل مزعجة في المجموعات" : "Spam in group conversations", until = DateTime.UtcNow.AddDays(7) });
            await admin.GotoAsync("/admin/users");
            await album.ShootAsync(admin.Page, $"admin-users-{language}");
            await admin.GotoAsync("/admin/audit");
            await admin.Page.Locator("[data-testid=audit-action]").First.WaitForAsync();
            await album.ShootAsync(admin.Page, $"audit-log-{language}");
            await admin.Page.ClickAsync("[data-testid=user-menu] button");
            await admin.Page.Locator("[data-testid=menu-settings]").WaitForAsync();
            await album.ShootAsync(admin.Page, $"menu-{language}", fullPage: false);
        }

        await using (var phone = await browser.NewSessionAsync(app.Host.BaseAddress, language, width: 390, height: 844))
        {
            await phone.SignInAdminAsync(language);
            await phone.GotoAsync("/admin");
            await album.ShootAsync(phone.Page, $"admin-phone-{language}");
            await phone.GotoAsync("/admin/audit");
            await album.ShootAsync(phone.Page, $"audit-log-phone-{language}");
        }

        album.AssertWritten();
    }
}
