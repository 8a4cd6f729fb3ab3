using System.Net;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Conversations;

/// <summary>Mentions in a real browser, in Arabic: "@" suggests participants, the choice is sent, the recipient sees it marked and a bell badge.</summary>
public sealed class MentionJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task Mention_InArabic_PickFromTheList_RecipientSeesItMarkedAndABellBadge()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("سارة حداد");
        var omar = await api.CreateVerifiedUserAsync("عمر خليل");
        var ahmad = await api.CreateVerifiedUserAsync("أحمد سالم");
        var group = await api.CreateGroupAsync(sara, "فريق الإطلاق", omar, ahmad);
        await ReadAllNotificationsAsync(api, ahmad);

        var saraPage = await browser.OpenAsync(app.Host, sara.Id, culture: "ar");
        var ahmadPage = await browser.OpenAsync(app.Host, ahmad.Id, culture: "ar", width: 390, height: 844);
        var omarPage = await browser.OpenAsync(app.Host, omar.Id, culture: "ar");
        await ChatPages.OpenListAsync(ahmadPage);
        await Assertions.Expect(ahmadPage.Locator("[data-testid=notification-bell][data-ready=true]")).ToBeVisibleAsync();
        foreach (var page in new[] { saraPage, omarPage })
        {
            await ChatPages.OpenListAsync(page, $"/conversations/{group}");
            await ChatPages.WaitForChatAsync(page);
        }

        // "@" lists the others; Escape closes the list without leaving the composer.
        var composer = saraPage.GetByTestId("composer-input");
        await composer.PressSequentiallyAsync("@");
        var options = saraPage.GetByTestId("mention-option");
        await Assertions.Expect(options).ToHaveCountAsync(2);
        await composer.PressAsync("Escape");
        await Assertions.Expect(saraPage.GetByTestId("mention-list")).ToHaveCountAsync(0);
        await composer.FillAsync("");

        // Typed without the hamza, "احم" still finds "أحمد"; the arrows move, Enter chooses and does not send.
        await composer.PressSequentiallyAsync("@احم");
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await Assertions.Expect(options.First).ToHaveTextAsync("أحمد سالم");
        await composer.PressAsync("ArrowDown");
        await composer.PressAsync("Enter");
        await Assertions.Expect(composer).ToHaveValueAsync("@أحمد سالم ");
        await Assertions.Expect(saraPage.GetByTestId("mention-list")).ToHaveCountAsync(0);
        await composer.PressSequentiallyAsync("راجع التقرير من فضلك");
        await composer.PressAsync("Enter");

        // Omar sees the name marked; Ahmad's bell counts it at once.
        var omarMention = omarPage.GetByTestId("message").Filter(new() { HasText = "راجع التقرير" }).GetByTestId("message-mention");
        await Assertions.Expect(omarMention).ToHaveTextAsync("@أحمد سالم");
        await Assertions.Expect(omarMention).ToHaveAttributeAsync("data-me", "false");
        await Assertions.Expect(ahmadPage.Locator("[data-testid=notification-badge] .mud-badge")).ToHaveTextAsync("1");
        await ahmadPage.ClickAsync("[data-testid=notification-bell-button]");
        await Assertions.Expect(ahmadPage.GetByTestId("activity-item").First).ToContainTextAsync("أشار إليك سارة حداد");

        // Opening it leads to the conversation, where Ahmad's own name stands out.
        await ahmadPage.GetByTestId("activity-item").First.ClickAsync();
        await ChatPages.WaitForChatAsync(ahmadPage);
        var ahmadMention = ahmadPage.GetByTestId("message").Filter(new() { HasText = "راجع التقرير" }).GetByTestId("message-mention");
        await Assertions.Expect(ahmadMention).ToHaveAttributeAsync("data-me", "true");
        await Assertions.Expect(ahmadMention).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mention-me"));
    }

    /// <summary>Waits for "added to the group" to arrive, then marks it read, so the badge below counts the mention alone.</summary>
    private static async Task ReadAllNotificationsAsync(ApiClient api, TestUser user)
    {
        await Eventually.UntilAsync(
            "the added-to-group notification",
            async () => (await api.GetAsync("/api/v1/notifications/unread_count", user))!["count"]!.GetValue<int>() != 0,
            TimeSpan.FromSeconds(20));
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/notifications/read", user, new { });
    }
}
