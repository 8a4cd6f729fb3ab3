using System.Text.RegularExpressions;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Playwright;

namespace Messaging.Tests.Conversations;

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

        var saraPage = await browser.OpenAsync(app.Host, sara.Id);
        var omarPage = await browser.OpenAsync(app.Host, omar.Id);
        await ChatPages.OpenListAsync(omarPage);

        // Sara starts the conversation from the dialog.
        await ChatPages.OpenListAsync(saraPage);
        await saraPage.GetByTestId("new-conversation").ClickAsync();
        await ChatPages.Field(saraPage, "people-search").FillAsync("Omar");
        await saraPage.GetByTestId("person-result").Filter(new() { HasText = "Omar Khalil" }).ClickAsync();
        await saraPage.WaitForURLAsync(new Regex("/conversations/[0-9a-f-]{36}$"));
        var conversationUrl = new Uri(saraPage.Url).AbsolutePath;
        await ChatPages.WaitForChatAsync(saraPage);

        await ChatPages.SendAsync(saraPage, "Hello Omar");

        // Omar's list updates live; he opens the chat from it.
        var item = omarPage.GetByTestId("conversation-item").Filter(new() { HasText = "Sara Haddad" });
        await Assertions.Expect(item.GetByTestId("conversation-preview")).ToHaveTextAsync("Hello Omar");
        await Assertions.Expect(item.GetByTestId("unread-badge")).ToHaveTextAsync("1");
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
}
