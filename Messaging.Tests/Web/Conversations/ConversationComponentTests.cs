using Bunit;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Features.Conversations;

namespace Messaging.Tests.Web.Conversations;

/// <summary>The conversation components rendered with bunit over the real Core and a real SQLite file, in both languages.</summary>
public sealed class ConversationComponentTests
{
    [Theory]
    [InlineData("en", "Encrypted message")]
    [InlineData("ar", "رسالة مشفّرة")]
    public async Task ConversationListItem_SensitiveConversation_ShowsEncryptedPlaceholderNeverContent(string culture, string expected)
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync(culture);
        var sara = await h.CreateUserAsync("Sara Haddad");
        var omar = await h.CreateUserAsync("Omar Khalil");
        var created = await h.Get<CreateConversationHandler>().HandleAsync(sara, new CreateConversation(ConversationType.Direct, [omar], IsEncrypted: true));
        await h.Get<SendMessageHandler>().HandleAsync(omar, new SendMessage(created.Conversation.Id, "Lab results are attached"));
        h.SignIn(sara, "Sara Haddad");
        await h.Get<ChatSession>().StartAsync();
        var view = await h.Get<ConversationReader>().GetAsync(sara, created.Conversation.Id);

        var item = h.Bunit.Render<ConversationListItem>(p => p.Add(c => c.Conversation, view).Add(c => c.Now, DateTime.UtcNow));

        Assert.Equal(expected, item.Find("[data-testid=conversation-preview]").TextContent.Trim());
        Assert.DoesNotContain("Lab results", item.Markup, StringComparison.Ordinal);
        Assert.Equal("1", item.Find("[data-testid=unread-badge]").TextContent.Trim());
    }

    [Theory]
    [InlineData("en", "No conversations yet. Start one with the New conversation button.")]
    [InlineData("ar", "لا توجد محادثات بعد. ابدأ واحدة بزر «محادثة جديدة».")]
    public async Task ConversationList_NoConversations_ShowsLocalizedEmptyState(string culture, string expected)
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync(culture);
        var sara = await h.CreateUserAsync("Sara Haddad");
        h.SignIn(sara, "Sara Haddad");

        var list = h.Bunit.Render<ConversationList>();

        list.WaitForAssertion(() => Assert.Equal(expected, list.Find("[data-testid=list-empty]").TextContent.Trim()));
    }

    [Fact]
    public async Task ConversationList_Filter_KeepsOnlyMatchingConversations()
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync();
        var sara = await h.CreateUserAsync("Sara Haddad");
        var omar = await h.CreateUserAsync("Omar Khalil");
        var lina = await h.CreateUserAsync("Lina Mansour");
        var creator = h.Get<CreateConversationHandler>();
        await creator.HandleAsync(sara, new CreateConversation(ConversationType.Direct, [omar]));
        await creator.HandleAsync(sara, new CreateConversation(ConversationType.Direct, [lina]));
        h.SignIn(sara, "Sara Haddad");

        var list = h.Bunit.Render<ConversationList>();
        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid=conversation-item]").Count));
        list.Find("input[data-testid=conversation-filter], [data-testid=conversation-filter] input").Input("lina");

        list.WaitForAssertion(() =>
        {
            var items = list.FindAll("[data-testid=conversation-item]");
            Assert.Single(items);
            Assert.Contains("Lina Mansour", items[0].TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task MessageBubble_AnyMessage_HasDirAutoSoMixedScriptsReadRight()
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync("ar");
        var (sara, _, id) = await DirectAsync(h);
        var sent = await h.Get<SendMessageHandler>().HandleAsync(sara, new SendMessage(id, "Meeting at 10?"));

        var bubble = h.Bunit.Render<MessageBubble>(p => p.Add(b => b.Message, sent.Message).Add(b => b.Mine, true).Add(b => b.Direct, true));

        Assert.Equal("auto", bubble.Find("[data-testid=message-text]").GetAttribute("dir"));
        Assert.Equal("Sent", bubble.Find("[data-testid=message-ticks]").GetAttribute("data-state"));
    }

    [Theory]
    [InlineData("en", "edited", "This message was deleted")]
    [InlineData("ar", "معدّلة", "حُذفت هذه الرسالة")]
    public async Task MessageBubble_EditedAndDeleted_ShowLocalizedStates(string culture, string editedText, string deletedText)
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync(culture);
        var (sara, _, id) = await DirectAsync(h);
        var sender = h.Get<SendMessageHandler>();
        var changes = h.Get<ChangeMessageHandler>();
        var first = await sender.HandleAsync(sara, new SendMessage(id, "Frist draft"));
        var second = await sender.HandleAsync(sara, new SendMessage(id, "A secret to remove"));
        var edited = await changes.EditAsync(sara, id, first.Message.Id, "First draft");
        await changes.DeleteAsync(sara, id, second.Message.Id);
        var deleted = (await h.Get<GetMessagesHandler>().HandleAsync(sara, new GetMessages(id))).Single(m => m.Id == second.Message.Id);

        var editedBubble = h.Bunit.Render<MessageBubble>(p => p.Add(b => b.Message, edited).Add(b => b.Mine, true));
        var deletedBubble = h.Bunit.Render<MessageBubble>(p => p.Add(b => b.Message, deleted).Add(b => b.Mine, true));

        Assert.Equal(editedText, editedBubble.Find("[data-testid=message-edited]").TextContent.Trim());
        Assert.Equal("First draft", editedBubble.Find("[data-testid=message-text]").TextContent.Trim());
        Assert.Equal(deletedText, deletedBubble.Find("[data-testid=message-deleted]").TextContent.Trim());
        Assert.DoesNotContain("A secret to remove", deletedBubble.Markup, StringComparison.Ordinal);
        Assert.Empty(deletedBubble.FindAll(".message-actions"));
    }

    [Theory]
    [InlineData("en", "Sara Haddad added Lina Mansour")]
    [InlineData("ar", "أضاف Sara Haddad Lina Mansour")]
    public async Task MessageBubble_SystemMessage_LocalizedWithNames(string culture, string expected)
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync(culture);
        var sara = await h.CreateUserAsync("Sara Haddad");
        var omar = await h.CreateUserAsync("Omar Khalil");
        var lina = await h.CreateUserAsync("Lina Mansour");
        var group = await h.Get<CreateConversationHandler>().HandleAsync(sara, new CreateConversation(ConversationType.Group, [omar], "Team"));
        await h.Get<AddParticipantsHandler>().HandleAsync(sara, group.Conversation.Id, [lina]);
        var added = (await h.Get<GetMessagesHandler>().HandleAsync(sara, new GetMessages(group.Conversation.Id)))
            .First(m => m.SystemEvent == SystemEvent.ParticipantAdded);
        var names = new Dictionary<Guid, string> { [lina] = "Lina Mansour" };

        var bubble = h.Bunit.Render<MessageBubble>(p => p.Add(b => b.Message, added).Add(b => b.NameOf, id => names.GetValueOrDefault(id)));

        Assert.Equal(expected, bubble.Find("[data-testid=system-message]").TextContent.Trim());
    }

    [Fact]
    public async Task ChatPane_Outsider_ShowsNotFoundAndNoData()
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync();
        var (sara, _, id) = await DirectAsync(h);
        await h.Get<SendMessageHandler>().HandleAsync(sara, new SendMessage(id, "Private words"));
        var karim = await h.CreateUserAsync("Karim Outsider");
        h.SignIn(karim, "Karim Outsider");

        var pane = h.Bunit.Render<ChatPane>(p => p.Add(c => c.ConversationId, id));

        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=chat-not-found]")));
        Assert.DoesNotContain("Private words", pane.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Sara Haddad", pane.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "No messages yet")]
    [InlineData("ar", "لا رسائل بعد")]
    public async Task ChatPane_NewSensitiveConversation_ShowsEmptyLogAndBadge(string culture, string empty)
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync(culture);
        var sara = await h.CreateUserAsync("Sara Haddad");
        var omar = await h.CreateUserAsync("Omar Khalil");
        var created = await h.Get<CreateConversationHandler>().HandleAsync(sara, new CreateConversation(ConversationType.Direct, [omar], IsEncrypted: true));
        h.SignIn(sara, "Sara Haddad");

        var pane = h.Bunit.Render<ChatPane>(p => p.Add(c => c.ConversationId, created.Conversation.Id));

        pane.WaitForAssertion(() => Assert.Equal(empty, pane.Find("[data-testid=log-empty]").TextContent.Trim()));
        Assert.NotNull(pane.Find("[data-testid=sensitive-badge]"));
        Assert.Equal("Omar Khalil", pane.Find("[data-testid=chat-title]").TextContent.Trim());
        Assert.Equal("log", pane.Find("[data-testid=message-log]").GetAttribute("role"));
    }

    [Fact]
    public async Task ChatPane_SendFails_ShowsInlineErrorKeepsTextAndRetrySendsOnce()
    {
        await using var h = await ComponentTestContext.CreateInteractiveAsync();
        var (sara, omar, id) = await DirectAsync(h);
        var contacts = h.Get<Messaging.Core.Contacts.ContactsHandler>();
        await contacts.BlockAsync(omar, sara);
        h.SignIn(sara, "Sara Haddad");
        var pane = h.Bunit.Render<ChatPane>(p => p.Add(c => c.ConversationId, id));
        pane.WaitForAssertion(() => Assert.NotNull(pane.Find("[data-testid=composer-input]")));

        pane.Find("[data-testid=composer-input]").Input("Are you there?");
        pane.Find("[data-testid=composer-send]").Click();

        pane.WaitForAssertion(() => Assert.Equal("You cannot message this person.", pane.Find("[data-testid=composer-error]").TextContent.Trim()));
        // The text stays in the box: nothing asked the browser to clear it.
        Assert.DoesNotContain(h.Bunit.JSInterop.Invocations, i => i.Identifier == "messagingChat.setText");

        await contacts.UnblockAsync(omar, sara);
        pane.Find("[data-testid=composer-send]").Click();
        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=composer-error]")));
        var history = await h.Get<GetMessagesHandler>().HandleAsync(sara, new GetMessages(id));
        Assert.Single(history, m => m.Content == "Are you there?");
    }

    private static async Task<(Guid Sara, Guid Omar, Guid ConversationId)> DirectAsync(ComponentTestContext h)
    {
        var sara = await h.CreateUserAsync("Sara Haddad");
        var omar = await h.CreateUserAsync("Omar Khalil");
        var created = await h.Get<CreateConversationHandler>().HandleAsync(sara, new CreateConversation(ConversationType.Direct, [omar]));
        return (sara, omar, created.Conversation.Id);
    }
}
