using System.Net;
using Messaging.Tests.TestInfrastructure;
using static Microsoft.Playwright.Assertions;
using ConversationsText = Messaging.Web.Resources.Conversations;

namespace Messaging.Tests.Web.Conversations;

/// <summary>
/// Issue 8 "Privacy": being added to a group makes a pending invite (auto-accept is off by default); the list offers
/// accept and decline, and declining takes the person out of the group.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupInviteJourneyTests(BrowserFixture browser, SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task GroupInvite_InArabic_ListOffersAcceptAndDecline_DeclineLeavesTheGroup()
    {
        using var api = app.Host.CreateApi();
        var owner = await api.CreateVerifiedUserAsync("Group Owner Invites");
        var invited = await api.RegisterAsync("مدعو إلى مجموعة", $"invited.{Guid.NewGuid():N}@tests.local");
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{invited.Id}/verify", await api.LoginAdminAsync());
        var group = await api.CreateGroupAsync(owner, "مجموعة لم تُقبل", invited);
        await api.SendMessageAsync(owner, group, "welcome");

        await using var session = await browser.NewSessionAsync(app.Host.BaseAddress, "ar", width: 390, height: 844);
        await session.SignInAsync(invited.Email, invited.Password, "ar");
        await ChatPages.OpenListAsync(session.Page);
        var item = session.Page.GetByTestId("conversation-item").Filter(new() { HasText = "مجموعة لم تُقبل" });
        var invite = session.Page.GetByTestId("invite-row").Filter(new() { HasText = BrowserSession.Text<ConversationsText>("InvitePending", "ar") });

        await Expect(item).ToHaveCountAsync(1);
        await Expect(session.Page.GetByTestId("invite-accept")).ToHaveTextAsync(BrowserSession.Text<ConversationsText>("AcceptInvite", "ar"));
        await Expect(invite).ToHaveCountAsync(1);
        await session.Page.GetByTestId("invite-decline").ClickAsync();

        await Expect(item).ToHaveCountAsync(0);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/v1/messaging/conversations/{group}", invited);
    }
}
