using Messaging.Core.Messages;
using Messaging.Core.Realtime;
using Messaging.Web.Features.Conversations;

namespace Messaging.Tests.Web.Conversations;

/// <summary>The chat log's model without any UI: build from a page, apply events, add older pages.</summary>
public sealed class TimelineModelTests
{
    private static readonly Guid Me = Guid.CreateVersion7();
    private static readonly Guid Peer = Guid.CreateVersion7();
    private static readonly Guid ConversationId = Guid.CreateVersion7();
    private static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Load_NewestFirstPage_OrdersBySequenceAndKnowsTheCursor()
    {
        var model = new TimelineModel(Me, pageSize: 3);

        model.Load([Message(3), Message(2), Message(1)]);

        Assert.Equal([1L, 2, 3], model.Messages.Select(m => m.Sequence));
        Assert.True(model.HasMore);
        Assert.Equal(model.Messages[0].Id, model.OldestId);
        Assert.Equal(3, model.LastSequence);
        Assert.Equal(3, model.Entries.Count);
    }

    [Fact]
    public void AddOlder_ShortPageWithOverlap_PrependsOnceAndHasNoMore()
    {
        var model = new TimelineModel(Me, pageSize: 3);
        var two = Message(2);
        model.Load([Message(4), Message(3), two]);

        model.AddOlder([two, Message(1)]);

        Assert.Equal([1L, 2, 3, 4], model.Messages.Select(m => m.Sequence));
        Assert.False(model.HasMore);
    }

    [Fact]
    public void Apply_NewMessageTwice_ShowsItOnce()
    {
        var model = new TimelineModel(Me, 50);
        model.Load([Message(1)]);
        var next = Message(2, Peer);

        var first = model.Apply(New(next));
        var again = model.Apply(New(next));

        Assert.Equal(TimelineChange.Appended, first);
        Assert.Equal(TimelineChange.None, again);
        Assert.Equal(2, model.Messages.Count);
    }

    [Fact]
    public void Apply_SentMessageAddedBeforeItsEvent_ShowsItOnce()
    {
        var model = new TimelineModel(Me, 50);
        var mine = Message(1, Me);

        model.AddSent(mine);
        model.Apply(New(mine));

        Assert.Single(model.Messages);
        Assert.Equal(mine.Id, model.LastMineId);
    }

    [Fact]
    public void Apply_OutOfOrderEvents_KeepsSequenceOrderAndReportsTheGap()
    {
        var model = new TimelineModel(Me, 50);
        model.Load([Message(1)]);

        var gap = model.Apply(New(Message(3, Peer)));
        var filled = model.Apply(New(Message(2, Peer)));

        Assert.Equal(TimelineChange.Gap, gap);
        Assert.Equal(TimelineChange.Appended, filled);
        Assert.Equal([1L, 2, 3], model.Messages.Select(m => m.Sequence));
    }

    [Fact]
    public void Apply_UpdatedAndDeleted_ReplaceTheShownMessage()
    {
        var model = new TimelineModel(Me, 50);
        var message = Message(1, Peer);
        model.Load([message]);

        model.Apply(new MessageEvent([Me], MessageEventKind.Updated, message with { Content = "edited", IsEdited = true }));
        Assert.Equal("edited", model.Messages[0].Content);

        var change = model.Apply(new MessageEvent([Me], MessageEventKind.Deleted, message with { Content = "", IsDeleted = true }));

        Assert.Equal(TimelineChange.Changed, change);
        Assert.True(Assert.Single(model.Messages).IsDeleted);
    }

    [Fact]
    public void Apply_EditOfAMessageNeverLoaded_ChangesNothingShown()
    {
        var model = new TimelineModel(Me, 50);
        model.Load([Message(5)]);

        var change = model.Apply(new MessageEvent([Me], MessageEventKind.Updated, Message(2) with { Content = "old, edited" }));

        Assert.Equal(TimelineChange.None, change);
        Assert.Single(model.Messages);
    }

    [Fact]
    public void Apply_ThreadReply_CountsOnTheRootOnceAndStaysOutOfTheLog()
    {
        var model = new TimelineModel(Me, 50);
        var root = Message(1, Me);
        model.Load([root]);
        var reply = Message(2, Peer) with { ThreadId = root.Id };

        model.Apply(New(reply));
        model.Apply(New(reply));

        var shown = Assert.Single(model.Messages);
        Assert.Equal(1, shown.ReplyCount);
        Assert.Equal(2, model.LastSequence);
    }

    [Fact]
    public void ApplyReceipt_ReadUpToTwo_MarksMyMessagesUpToTwoOnly()
    {
        var model = new TimelineModel(Me, 50);
        model.Load([Message(3, Me), Message(2, Me), Message(1, Me)]);

        var changed = model.ApplyReceipt(new ReceiptEvent([Me], ReceiptKind.Read, ConversationId, Peer, model.Messages[1].Id, 2, Start));

        Assert.True(changed);
        Assert.Equal([true, true, false], model.Messages.Select(m => m.ReadBy.Any(r => r.UserId == Peer)));
        Assert.Equal([true, true, false], model.Messages.Select(m => m.DeliveredTo.Any(r => r.UserId == Peer)));
        Assert.False(model.ApplyReceipt(new ReceiptEvent([Me], ReceiptKind.Read, ConversationId, Peer, model.Messages[1].Id, 2, Start)));
    }

    [Fact]
    public void Entries_SameSenderWithinFiveMinutesAndNewDay_GroupAndSeparate()
    {
        var model = new TimelineModel(Me, 50);
        var first = Message(1, Peer, Start);
        var second = Message(2, Peer, Start.AddMinutes(2));
        var nextDay = Message(3, Peer, Start.AddDays(1));

        model.Load([nextDay, second, first]);

        Assert.Equal([true, false, true], model.Entries.Select(e => e.FirstOfDay));
        Assert.Equal([false, true, false], model.Entries.Select(e => e.Continues));
    }

    [Fact]
    public void QuotedOf_ReplyToAThreadReply_FindsIt()
    {
        var model = new TimelineModel(Me, 50);
        var reply = Message(2, Peer) with { ThreadId = Guid.CreateVersion7() };
        var quoting = Message(3, Me) with { ReplyToMessageId = reply.Id };

        model.Load([quoting, reply]);

        Assert.Equal(reply.Id, model.QuotedOf(model.Messages.Single())?.Id);
    }

    private static MessageEvent New(MessageView message) => new([Me, Peer], MessageEventKind.New, message);

    private static MessageView Message(long sequence, Guid? sender = null, DateTime? at = null) => new(
        Guid.CreateVersion7(), ConversationId, sequence, sender ?? Peer, "Someone", null, $"message {sequence}", MessageType.Text, null,
        [], null, null, 0, false, null, false, null, [], [], false, null, at ?? Start.AddSeconds(sequence), null, null);
}
