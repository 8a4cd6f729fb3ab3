using System.Net;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.DataRights;

/// <summary>The other person of a direct conversation deletes their account while the chat is open: the circuit hears it live.</summary>
public sealed class DeletedPartnerJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task OpenChat_PartnerDeletesAccount_ComposerGivesWayToAnExplanation_InArabic()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Leaving Live");
        var omar = await api.CreateVerifiedUserAsync("Omar Watching");
        var direct = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, direct, "last words");
        var page = await browser.OpenAsync(app.Host, omar.Id, culture: "ar");
        await ChatPages.OpenListAsync(page, $"/conversations/{direct}");
        await ChatPages.WaitForChatAsync(page);
        await Assertions.Expect(page.GetByTestId("composer-closed")).ToHaveCountAsync(0);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/v1/users/me", sara, new { password = sara.Password });

        await Assertions.Expect(page.GetByTestId("composer-closed"))
            .ToHaveTextAsync(BrowserSession.Text<Messaging.Web.Resources.Conversations>("PeerDeletedNotice", "ar"));
        await Assertions.Expect(page.GetByTestId("chat-pane")).ToContainTextAsync("مستخدم محذوف");
        await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "last words" })).ToBeVisibleAsync();
    }
}
