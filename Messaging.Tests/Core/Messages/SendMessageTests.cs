using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Messages;

public sealed class SendMessageTests : IAsyncLifetime
{
    private CoreTestHost host = null!;

    private SendMessageHandler Send => host.Get<SendMessageHandler>();

    public async Task InitializeAsync() => host = await CoreTestHost.CreateAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task HandleAsync_Member_StoresMessageMovesSenderPointersAndNamesSender()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);

        var result = await Send.HandleAsync(sara.Id, new SendMessage(direct, "hello Omar", ClientMessageId: "c-1"));

        Assert.True(result.Created);
        Assert.Equal("hello Omar", result.Message.Content);
        Assert.Equal("Sara", result.Message.SenderName);
        Assert.Equal(1, result.Message.Sequence);
        Assert.Empty(result.Message.DeliveredTo);
        var pointer = await host.QueryAsync(db => db.Participants.SingleAsync(p => p.ConversationId == direct && p.UserId == sara.Id));
        Assert.Equal(1, pointer.LastReadSequence);
        Assert.Equal(1, pointer.LastDeliveredSequence);
        var conversation = await host.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == direct));
        Assert.Equal(result.Message.Id, conversation.LastMessageId);
        Assert.Equal("hello Omar", conversation.LastMessagePreview);
    }

    [Fact]
    public async Task HandleAsync_DirectConversation_EightCommandsInAll()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        await Send.HandleAsync(sara.Id, new SendMessage(direct, "warm-up"));

        host.Commands.Reset();
        await Send.HandleAsync(omar.Id, new SendMessage(direct, "counted"));

        // In the group commit (ADR 0030): membership with conversation and blocks (1, read once: a second read before
        // queueing was dropped, docs/performance.md), next sequence (update + read: 2), the saved rows (4: message,
        // conversation, sender's pointers and the notification outbox row; SQLite does not batch them). Before the
        // membership read it was eight without the outbox: members, conversation and blocks were three queries.
        // After the commit, publishing reads which of the audience are still verified (1): nothing reaches a user
        // whose access was withdrawn. The search index costs no command: FTS5 triggers on SQLite, a GIN expression
        // index on PostgreSQL, both updated by the message's own INSERT (ADR 0019).
        Assert.True(host.Commands.Count == 8, host.Commands.Log);
    }

    [Fact]
    public async Task HandleAsync_SameClientMessageIdTwice_ReturnsTheFirstWithoutANewMessage()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);

        var first = await Send.HandleAsync(sara.Id, new SendMessage(direct, "once", ClientMessageId: "same"));
        var second = await Send.HandleAsync(sara.Id, new SendMessage(direct, "once", ClientMessageId: "same"));

        Assert.False(second.Created);
        Assert.Equal(first.Message.Id, second.Message.Id);
        Assert.Equal(1, await host.QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == direct)));
    }

    [Fact]
    public async Task HandleAsync_BlockedEitherWay_RefusedAndNothingStored()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        await host.BlockAsync(omar, sara);

        foreach (var sender in new[] { sara, omar })
        {
            var refusal = await Assert.ThrowsAsync<MessagingException>(() => Send.HandleAsync(sender.Id, new SendMessage(direct, "hi")));
            Assert.Equal(ErrorCode.Blocked, refusal.Code);
        }

        Assert.Equal(0, await host.QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == direct)));
    }

    [Fact]
    public async Task HandleAsync_ConversationHiddenByRecipient_BringsItBack()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        await Send.HandleAsync(sara.Id, new SendMessage(direct, "first"));
        await host.Get<ConversationPreferences>().DeleteForMeAsync(omar.Id, direct);

        await Send.HandleAsync(sara.Id, new SendMessage(direct, "second"));

        var omars = await host.QueryAsync(db => db.Participants.SingleAsync(p => p.ConversationId == direct && p.UserId == omar.Id));
        Assert.False(omars.IsHidden);
        var history = await host.Get<GetMessagesHandler>().HandleAsync(omar.Id, new GetMessages(direct));
        Assert.Equal(["second"], history.Select(m => m.Content));
    }

    [Theory]
    [InlineData("", ErrorCode.ContentRequired)]
    [InlineData("   ", ErrorCode.ContentRequired)]
    [InlineData(null, ErrorCode.ContentRequired)]
    public async Task HandleAsync_NoContent_ContentRequired(string? content, ErrorCode expected)
    {
        var sara = await host.CreateUserAsync("Sara");
        var refusal = await Assert.ThrowsAsync<MessagingException>(() => Send.HandleAsync(sara.Id, new SendMessage(Guid.NewGuid(), content)));
        Assert.Equal(expected, refusal.Code);
    }

    [Fact]
    public async Task HandleAsync_TooLongOrBadClientId_RefusedBeforeTheDatabase()
    {
        var sara = await host.CreateUserAsync("Sara");
        host.Commands.Reset();

        var tooLong = await Assert.ThrowsAsync<MessagingException>(() => Send.HandleAsync(sara.Id, new SendMessage(Guid.NewGuid(), new string('a', Limits.MaxMessageLength + 1))));
        var badId = await Assert.ThrowsAsync<MessagingException>(() => Send.HandleAsync(sara.Id, new SendMessage(Guid.NewGuid(), "hi", ClientMessageId: new string('x', Limits.MaxClientMessageIdLength + 1))));

        Assert.Equal(ErrorCode.ContentTooLong, tooLong.Code);
        Assert.Equal(("client_message_id", ErrorCode.ValidationFailed), (badId.Field, badId.Code));
        Assert.Equal(0, host.Commands.Count);
    }
}
