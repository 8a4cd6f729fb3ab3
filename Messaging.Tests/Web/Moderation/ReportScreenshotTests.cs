using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;

namespace Messaging.Tests.Web.Moderation;

/// <summary>
/// The report queue (desktop and phone width) and the audit log after report decisions, in both languages, for
/// docs/screenshots (scripts/screenshots.sh sets MESSAGING_SCREENSHOTS_DIR); the phone picture must not scroll sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Screenshots")]
public sealed class ReportScreenshotTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Screenshots_ReportQueueAndAudit_WrittenAsPngAndFitAPhone(string language)
    {
        var ar = language == "ar";
        using var api = app.Host.CreateApi();
        var admin = await api.LoginAdminAsync();
        var omar = await VerifiedAsync(api, admin, "omar", ar ? "عمر الشريف" : "Omar Sharif");
        var sara = await VerifiedAsync(api, admin, "sara", ar ? "سارة الحسن" : "Sara Hassan");
        var lina = await VerifiedAsync(api, admin, "lina", ar ? "لينا خوري" : "Lina Khoury");
        var group = await api.CreateGroupAsync(omar, ar ? "فريق التسويق" : "Marketing team", sara, lina);
        foreach (var text in ar ? new[] { "صباح الخير", "هل الاجتماع في العاشرة؟", "نعم، في القاعة الكبيرة" } : ["Good morning", "Is the meeting at ten?", "Yes, in the big room"])
        {
            await api.SendMessageAsync(omar, group, text);
        }

        var first = (await api.SendMessageAsync(omar, group, ar ? "اشترِ متابعين الآن من spam.example" : "Buy followers now at spam.example"))["id"]!.GetValue<string>();
        var earlier = await api.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", sara, new { message_id = first, reason = "spam" });
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{earlier!["id"]}/resolve", admin,
            new { action = "delete_message", note = ar ? "رابط مزعج" : "Spam link" });
        var second = (await api.SendMessageAsync(omar, group, ar ? "من يرد عليّ سأنشر صوره" : "Whoever answers back, I will post their photos"))["id"]!.GetValue<string>();
        var case2 = await api.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", sara,
            new { message_id = second, reason = "harassment", comment = ar ? "تهديد صريح" : "A clear threat" });
        await api.ExpectAsync(System.Net.HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", lina, new { message_id = second, reason = "harassment" });
        var album = new ScreenshotAlbum();

        await using (var desk = await browser.NewSessionAsync(app.Host.BaseAddress, language))
        {
            await desk.SignInAdminAsync(language);
            await desk.GotoAsync("/admin/reports");
            await Expect(desk.Page.GetByTestId("report-case")).ToHaveCountAsync(1);
            await album.ShootAsync(desk.Page, $"report-queue-{language}");
            await desk.GotoAsync("/admin/audit");
            await desk.Page.Locator("[data-testid=audit-action]").First.WaitForAsync();
            await album.ShootAsync(desk.Page, $"audit-log-reports-{language}");
        }

        await using (var phone = await browser.NewSessionAsync(app.Host.BaseAddress, language, width: 390, height: 844))
        {
            await phone.SignInAdminAsync(language);
            await phone.GotoAsync("/admin/reports");
            await Expect(phone.Page.GetByTestId("report-case")).ToHaveCountAsync(1);
            var overflow = await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, "/admin/reports scrolls sideways at phone width");
            await album.ShootAsync(phone.Page, $"report-queue-phone-{language}");
        }

        // Leave the queue empty for the other language's pictures.
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{case2!["id"]}/resolve", admin, new { action = "dismiss" });
        album.AssertWritten();
    }

    // Arabic names make no e-mail address: register with a Latin one, then verify.
    private static async Task<TestUser> VerifiedAsync(ApiClient api, TestUser admin, string handle, string name)
    {
        var user = await api.RegisterAsync(name, $"{handle}.{Guid.NewGuid():N}@example.com");
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{user.Id}/verify", admin);
        return user;
    }
}
