using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Retention;

/// <summary>Retention in a real browser, in Arabic: a group admin chooses 7 days in the settings; both see the line live.</summary>
public sealed class RetentionJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    private static string R(string key) => BrowserSession.Text<Messaging.Web.Resources.Retention>(key, "ar");

    [Fact]
    public async Task GroupAdmin_InArabic_ChoosesSevenDays_AndTheMemberSeesTheRetentionLineLive()
    {
        using var api = app.Host.CreateApi();
        var admin = await api.CreateVerifiedUserAsync("ليلى المشرفة");
        var member = await api.CreateVerifiedUserAsync("كريم العضو");
        var group = await api.CreateGroupAsync(admin, "فريق المشروع", member);
        await api.AcceptAsync(member, group);
        await api.SendMessageAsync(admin, group, "أهلًا بالجميع");

        var adminPage = await browser.OpenAsync(app.Host, admin.Id, culture: "ar");
        var memberPage = await browser.OpenAsync(app.Host, member.Id, culture: "ar");
        foreach (var page in new[] { adminPage, memberPage })
        {
            await ChatPages.OpenListAsync(page, $"/conversations/{group}");
            await ChatPages.WaitForChatAsync(page);
            await Assertions.Expect(page.GetByTestId("retention-line")).ToHaveCountAsync(0);
        }

        await adminPage.GetByTestId("open-settings").ClickAsync();
        var dialog = adminPage.GetByTestId("settings-dialog");
        await Assertions.Expect(dialog.GetByTestId("retention-state")).ToContainTextAsync(R("RetentionKeptForever"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = R("RetentionLabel") }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Menuitem, new() { Name = R("RetentionSevenDays"), Exact = true }).ClickAsync();

        var on = R("RetentionOn").Replace("{0}", R("RetentionSevenDays"), StringComparison.Ordinal);
        await Assertions.Expect(dialog.GetByTestId("retention-state")).ToContainTextAsync(on);
        await adminPage.GetByTestId("settings-close").ClickAsync();
        await Assertions.Expect(adminPage.GetByTestId("retention-line")).ToHaveTextAsync(on);

        // The member sees the line and who changed it without reloading; the member's settings show no choice.
        await Assertions.Expect(memberPage.GetByTestId("retention-line")).ToHaveTextAsync(on);
        var changed = BrowserSession.Text<Messaging.Web.Resources.Conversations>("SystemRetentionChanged", "ar").Replace("{0}", "ليلى المشرفة", StringComparison.Ordinal);
        await Assertions.Expect(memberPage.GetByText(changed)).ToBeVisibleAsync();
        await memberPage.GetByTestId("open-settings").ClickAsync();
        await Assertions.Expect(memberPage.GetByTestId("retention-state")).ToContainTextAsync(R("RetentionAdminHint"));
        await Assertions.Expect(memberPage.GetByRole(AriaRole.Button, new() { Name = R("RetentionLabel") })).ToHaveCountAsync(0);
        Assert.Equal(7, (await api.GetAsync($"/api/v1/messaging/conversations/{group}", member))!["retention_days"]!.GetValue<int>());
    }
}
