using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Messages;

public sealed class ChangeMessageTests : IAsyncLifetime
{
    private CoreTestHost host = null!;

    private ChangeMessageHandler Change => host.Get<ChangeMessageHandler>();

    public async Task InitializeAsync() => host = await CoreTestHost.CreateAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EditAsync_Sender_ChangesTextAndPreview_OthersAreNotSender()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var group = await host.CreateGroupAsync(sara, "Plans", omar);
        var sent = (await host.Get<SendMessageHandler>().HandleAsync(omar.Id, new SendMessage(group, "draft"))).Message;

        var edited = await Change.EditAsync(omar.Id, group, sent.Id, "final");
        // Not even a group admin edits someone else's words.
        var refusal = await Assert.ThrowsAsync<MessagingException>(() => Change.EditAsync(sara.Id, group, sent.Id, "hijacked"));

        Assert.True(edited.IsEdited);
        Assert.Equal("final", edited.Content);
        Assert.Equal(ErrorCode.NotSender, refusal.Code);
        Assert.Equal("final", await host.QueryAsync(db => db.Conversations.Where(c => c.Id == group).Select(c => c.LastMessagePreview).SingleAsync()));
    }

    [Fact]
    public async Task DeleteAsync_GroupAdminOnOthersMessage_LeavesTombstone_MemberCannot()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var lina = await host.CreateUserAsync("Lina");
        var group = await host.CreateGroupAsync(sara, "Plans", omar, lina);
        var sent = (await host.Get<SendMessageHandler>().HandleAsync(omar.Id, new SendMessage(group, "oops"))).Message;

        var byMember = await Assert.ThrowsAsync<MessagingException>(() => Change.DeleteAsync(lina.Id, group, sent.Id));
        await Change.DeleteAsync(sara.Id, group, sent.Id);
        var deleted = (await host.Get<GetMessagesHandler>().HandleAsync(omar.Id, new GetMessages(group))).Single(m => m.Id == sent.Id);
        var again = await Assert.ThrowsAsync<MessagingException>(() => Change.DeleteAsync(omar.Id, group, sent.Id));

        Assert.Equal(ErrorCode.NotSender, byMember.Code);
        Assert.True(deleted.IsDeleted);
        Assert.Equal("", deleted.Content);
        Assert.Equal(ErrorCode.MessageDeleted, again.Code);
    }

    [Fact]
    public async Task DeleteAsync_SystemMessage_NotSender()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var group = await host.CreateGroupAsync(sara, "Plans", omar);
        var created = (await host.Get<GetMessagesHandler>().HandleAsync(sara.Id, new GetMessages(group))).Single(m => m.MessageType == MessageType.System);

        var refusal = await Assert.ThrowsAsync<MessagingException>(() => Change.DeleteAsync(sara.Id, group, created.Id));

        Assert.Equal(ErrorCode.NotSender, refusal.Code);
    }

    [Fact]
    public async Task MarkReceipt_ReadThenOlder_MovesPointersForwardOnly()
    {
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        var send = host.Get<SendMessageHandler>();
        var first = (await send.HandleAsync(sara.Id, new SendMessage(direct, "one"))).Message;
        var second = (await send.HandleAsync(sara.Id, new SendMessage(direct, "two"))).Message;
        var receipts = host.Get<MarkReceiptHandler>();
        await host.Get<ConversationPreferences>().AcceptAsync(omar.Id, direct); // Until then Sara's request shows no receipts.

        await receipts.HandleAsync(omar.Id, direct, second.Id, ReceiptKind.Read);
        await receipts.HandleAsync(omar.Id, direct, first.Id, ReceiptKind.Read);

        var omars = await host.QueryAsync(db => db.Participants.SingleAsync(p => p.ConversationId == direct && p.UserId == omar.Id));
        Assert.Equal(second.Sequence, omars.LastReadSequence);
        Assert.Equal(second.Sequence, omars.LastDeliveredSequence);
        var seenBySara = await host.Get<GetMessagesHandler>().HandleAsync(sara.Id, new GetMessages(direct));
        Assert.All(seenBySara, m => Assert.Equal([omar.Id], m.ReadBy.Select(r => r.UserId)));
    }
}
