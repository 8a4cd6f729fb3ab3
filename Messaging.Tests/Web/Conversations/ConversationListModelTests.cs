using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Realtime;
using Messaging.Web.Features.Conversations;

namespace Messaging.Tests.Web.Conversations;

public sealed class ConversationListModelTests
{
    private static readonly Guid Me = Guid.CreateVersion7();
    private static readonly Guid Peer = Guid.CreateVersion7();
    private static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Apply_NewMessageFromPeer_MovesToTopCountsUnreadAndShowsPreview()
    {
        var older = View(Start);
        var newer = View(Start.AddMinutes(5));
        var model = new ConversationListModel(Me, archived: false);
        model.Load([newer, older]);

        var applied = model.Apply(New(older.Id, Peer, Start.AddMinutes(10), "fresh"));

        Assert.True(applied);
        Assert.Equal([older.Id, newer.Id], model.Items.Select(c => c.Id));
        Assert.Equal(1, model.Items[0].UnreadCount);
        Assert.Equal("fresh", model.Items[0].LastMessagePreview);
    }

    [Fact]
    public void Apply_MyOwnMessageTwice_NoUnreadAndNoDoubleCount()
    {
        var view = View(Start);
        var model = new ConversationListModel(Me, archived: false);
        model.Load([view]);
        var e = New(view.Id, Me, Start.AddMinutes(1), "mine");

        model.Apply(e);
        model.Apply(e);

        Assert.Equal(0, model.Items[0].UnreadCount);
    }

    [Fact]
    public void Apply_RepeatOfAnEarlierMessageAfterANewerOne_CountsNothingAndAsksForARead()
    {
        // A retried send is published again (ADR 0039); by then a newer message may be the conversation's last.
        var view = View(Start);
        var model = new ConversationListModel(Me, archived: false);
        model.Load([view]);
        var earlier = New(view.Id, Peer, Start.AddMinutes(1), "earlier");
        var later = New(view.Id, Peer, Start.AddMinutes(2), "later");

        Assert.True(model.Apply(earlier));
        Assert.True(model.Apply(later));
        var repeated = model.Apply(earlier);

        Assert.False(repeated);
        Assert.Equal(2, model.Items[0].UnreadCount);
        Assert.Equal("later", model.Items[0].LastMessagePreview);
    }

    [Fact]
    public void Apply_UnknownConversation_AsksTheCallerToReadIt()
    {
        var model = new ConversationListModel(Me, archived: false);
        model.Load([View(Start)]);

        Assert.False(model.Apply(New(Guid.CreateVersion7(), Peer, Start, "hi")));
    }

    [Fact]
    public void ApplyOwnRead_UpToTheLastMessage_ClearsUnreadElseAsksForARead()
    {
        var view = View(Start) with { UnreadCount = 2, LastMessageId = Guid.CreateVersion7() };
        var model = new ConversationListModel(Me, archived: false);
        model.Load([view]);

        Assert.False(model.ApplyOwnRead(new ReceiptEvent([Me], ReceiptKind.Read, view.Id, Me, Guid.CreateVersion7(), 1, Start)));
        Assert.True(model.ApplyOwnRead(new ReceiptEvent([Me], ReceiptKind.Read, view.Id, Me, view.LastMessageId!.Value, 2, Start)));
        Assert.Equal(0, model.Items[0].UnreadCount);
    }

    [Fact]
    public void Upsert_ArchivedConversationOnInbox_RemovesIt()
    {
        var view = View(Start);
        var model = new ConversationListModel(Me, archived: false);
        model.Load([view]);

        model.Upsert(view with { IsArchived = true });

        Assert.Empty(model.Items);
    }

    private static MessageEvent New(Guid conversationId, Guid sender, DateTime at, string text) => new(
        [Me, Peer],
        MessageEventKind.New,
        new MessageView(Guid.CreateVersion7(), conversationId, 1, sender, "Someone", null, text, MessageType.Text, null, [], null, null, 0,
            false, null, false, null, [], [], false, null, at, null, null));

    private static ConversationView View(DateTime lastAt) => new(
        Guid.CreateVersion7(), null, ConversationType.Direct, [Me, Peer], [], false, true, true, false, false, null, 0, null, lastAt, null,
        Me, Start.AddDays(-1), lastAt, true);
}
