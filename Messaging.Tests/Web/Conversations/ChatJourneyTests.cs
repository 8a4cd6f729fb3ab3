using System.Text.RegularExpressions;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Web.Conversations;

/// <summary>Whole journeys in a real browser against the real app: two people talking, and an outsider who must see nothing.</summary>
public sealed class ChatJourneyTests(ChatBrowserFixture browser, SqliteAppFixture app)
    : IClassFixture<ChatBrowserFixture>, IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task DirectChat_TwoUsers_SendReceiveTypingReadThreadEditDelete()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Haddad");
        var omar = await api.CreateVerifiedUserAsync("Omar Khalil");
        var karim = await api.CreateVerifiedUserAsync("Karim Outsider");

        var saraPage = await browser.OpenWithLoginAsync(app.Host, sara);
        var omarPage = await browser.OpenWithLoginAsync(app.Host, omar);
        await ChatPages.OpenListAsync(omarPage);

        // Sara starts the conversation from the dialog.
        await ChatPages.OpenListAsync(saraPage);
        await saraPage.GetByTestId("new-conversation").ClickAsync();
        await ChatPages.Field(saraPage, "people-search").FillAsync("Omar");
        await saraPage.GetByTestId("person-result").Filter(new() { HasText = "Omar Khalil" }).ClickAsync();
        await Assertions.Expect(saraPage).ToHaveURLAsync(new Regex("/conversations/[0-9a-f-]{36}$"));
        var conversationUrl = new Uri(saraPage.Url).AbsolutePath;
        await ChatPages.WaitForChatAsync(saraPage);

        await ChatPages.SendAsync(saraPage, "Hello Omar");

        // Omar's list updates live; he opens the chat from it.
        var item = omarPage.GetByTestId("conversation-item").Filter(new() { HasText = "Sara Haddad" });
        await Assertions.Expect(item.GetByTestId("conversation-preview")).ToHaveTextAsync("Hello Omar");
        await Assertions.Expect(item.GetByTestId("unread-badge")).ToHaveTextAsync("1");

        // A stranger's first message is a request: until Omar accepts, neither sees the other's activity.
        await item.GetByTestId("invite-accept").ClickAsync();
        await Assertions.Expect(item.GetByTestId("invite-accept")).ToHaveCountAsync(0);
        await item.Locator("a").ClickAsync();
        await ChatPages.WaitForChatAsync(omarPage);
        await Assertions.Expect(omarPage.GetByTestId("message-text").Filter(new() { HasText = "Hello Omar" })).ToBeVisibleAsync();

        // Seen at the bottom of Omar's log: Sara's tick turns to read.
        var saraMessage = saraPage.GetByTestId("message").Filter(new() { HasText = "Hello Omar" });
        await Assertions.Expect(saraMessage.GetByTestId("message-ticks")).ToHaveAttributeAsync("data-state", "Read");

        // Typing shows on the other side, then the reply arrives.
        await omarPage.GetByTestId("composer-input").FillAsync("Hi Sara");
        await Assertions.Expect(saraPage.GetByTestId("typing-indicator")).ToHaveTextAsync("Omar Khalil is typing…");
        await omarPage.GetByTestId("composer-input").PressAsync("Enter");
        await Assertions.Expect(saraPage.GetByTestId("message-text").Filter(new() { HasText = "Hi Sara" })).ToBeVisibleAsync();
        await Assertions.Expect(saraPage.GetByTestId("typing-indicator")).ToHaveCountAsync(0);

        // A reply in a thread: Omar sees the reply count on the root.
        await ChatPages.MessageActionAsync(saraPage, "Hello Omar", "Reply in thread");
        var thread = saraPage.GetByTestId("thread-panel");
        await thread.GetByTestId("composer-input").FillAsync("A detail for the thread");
        await thread.GetByTestId("composer-input").PressAsync("Enter");
        await Assertions.Expect(thread.GetByTestId("message-text").Filter(new() { HasText = "A detail for the thread" })).ToBeVisibleAsync();
        await Assertions.Expect(omarPage.GetByTestId("message").Filter(new() { HasText = "Hello Omar" }).GetByTestId("thread-count")).ToHaveTextAsync(new Regex("1 reply"));
        await thread.GetByTestId("thread-close").ClickAsync();

        // Edit the last message with the Up arrow in an empty composer.
        await ChatPages.SendAsync(saraPage, "See you at 10");
        var composer = saraPage.GetByTestId("composer-input");
        await composer.PressAsync("ArrowUp");
        await Assertions.Expect(composer).ToHaveValueAsync("See you at 10");
        await composer.FillAsync("See you at 11");
        await composer.PressAsync("Enter");
        var edited = omarPage.GetByTestId("message").Filter(new() { HasText = "See you at 11" });
        await Assertions.Expect(edited.GetByTestId("message-edited")).ToBeVisibleAsync();

        // Delete: both sides keep a tombstone, the text is gone.
        await ChatPages.MessageActionAsync(saraPage, "See you at 11", "Delete");
        await saraPage.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(omarPage.GetByTestId("message-deleted")).ToHaveCountAsync(1);
        await Assertions.Expect(omarPage.GetByTestId("message-text").Filter(new() { HasText = "See you at 11" })).ToHaveCountAsync(0);

        // An outsider following the link sees a calm "not found", and nothing of the conversation.
        var karimPage = await browser.OpenAsync(app.Host, karim.Id);
        await karimPage.GotoAsync(conversationUrl);
        await Assertions.Expect(karimPage.GetByTestId("chat-not-found")).ToBeVisibleAsync();
        var text = await karimPage.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Hello Omar", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sara Haddad", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupChat_CreateWithLimitQuoteSeenByMuteArchive_AllVisibleInUi()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Group");
        var members = new List<TestUser>();
        for (var i = 1; i <= 10; i++)
        {
            members.Add(await api.CreateVerifiedUserAsync($"Zed Member {i:00}"));
        }

        var page = await browser.OpenAsync(app.Host, sara.Id);
        await ChatPages.OpenListAsync(page);
        await page.GetByTestId("new-conversation").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("Group", new() { Exact = true }).ClickAsync();
        await ChatPages.Field(page, "group-title").FillAsync("Zed team");
        await ChatPages.Field(page, "people-search").FillAsync("Zed");
        await Assertions.Expect(dialog.GetByTestId("person-result")).ToHaveCountAsync(10);

        // Nine others plus me make ten; the tenth other person would be the eleventh participant.
        for (var i = 0; i < 9; i++)
        {
            await dialog.GetByTestId("person-result").Nth(i).ClickAsync();
        }

        await Assertions.Expect(dialog.GetByTestId("group-capacity")).ToHaveTextAsync("10 of 10 participants");
        await dialog.GetByTestId("person-result").Nth(9).ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("new-conversation-error")).ToContainTextAsync("at most 10 participants");
        await Assertions.Expect(dialog.GetByTestId("group-capacity")).ToHaveTextAsync("10 of 10 participants");

        await dialog.GetByText("Sensitive (encrypted at rest)").ClickAsync();
        await dialog.GetByTestId("create-group").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/conversations/[0-9a-f-]{36}$"));
        var url = new Uri(page.Url).AbsolutePath;
        await ChatPages.WaitForChatAsync(page);
        await Assertions.Expect(page.GetByTestId("chat-title")).ToHaveTextAsync("Zed team");
        await Assertions.Expect(page.GetByTestId("sensitive-badge")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("system-message").First).ToHaveTextAsync("Sara Group created the conversation");

        // A member who accepted the invite reads: Sara sees "Seen by"; the member replies quoting her.
        await api.AcceptAsync(members[0], url.Split('/')[^1]);
        var memberPage = await browser.OpenAsync(app.Host, members[0].Id);
        await ChatPages.OpenListAsync(memberPage, url);
        await ChatPages.WaitForChatAsync(memberPage);
        await ChatPages.SendAsync(page, "Welcome all");
        await Assertions.Expect(page.GetByTestId("seen-by")).ToContainTextAsync("Zed Member 01");
        await ChatPages.MessageActionAsync(memberPage, "Welcome all", "Reply");
        await Assertions.Expect(memberPage.GetByTestId("composer-context")).ToContainTextAsync("Replying to Sara Group");
        await ChatPages.SendAsync(memberPage, "Thanks!");
        var reply = page.GetByTestId("message").Filter(new() { HasText = "Thanks!" });
        await Assertions.Expect(reply.GetByTestId("message-quote")).ToContainTextAsync("Welcome all");
        await Assertions.Expect(reply.GetByTestId("message-sender")).ToHaveTextAsync("Zed Member 01");

        // Mute until turned off, then archive: the list shows both.
        await page.GetByTestId("open-settings").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Mute" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Until I turn it back on" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("muted-state")).ToBeVisibleAsync();
        await page.GetByTestId("settings-close").ClickAsync();
        var item = page.GetByTestId("conversation-item").Filter(new() { HasText = "Zed team" });
        await Assertions.Expect(item.GetByTestId("muted-marker")).ToBeVisibleAsync();

        await page.GetByTestId("open-settings").ClickAsync();
        await page.GetByTestId("archive").ClickAsync();
        await page.GetByTestId("settings-close").ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await page.GetByTestId("tab-archived").ClickAsync();
        await Assertions.Expect(item.GetByTestId("archived-marker")).ToBeVisibleAsync();
    }
}
