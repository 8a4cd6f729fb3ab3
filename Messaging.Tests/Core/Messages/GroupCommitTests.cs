using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Messages;

/// <summary>
/// Sends are group-committed (ADR 0030 on SQLite, ADR 0038 on PostgreSQL). These tests hold the writers so every send
/// lines up, then release them: all of them are written in one transaction.
/// </summary>
public abstract class GroupCommitTests : IAsyncLifetime
{
    protected CoreTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CreateHostAsync();

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    protected abstract Task<CoreTestHost> CreateHostAsync();

    [Fact]
    public async Task OneBatch_GaplessSequences_RetriesGetTheOriginal_AnInvalidSendFailsAlone()
    {
        var sara = await Host.CreateUserAsync("Sara");
        var omar = await Host.CreateUserAsync("Omar");
        var direct = await Host.CreateDirectAsync(sara, omar);
        var send = Host.Get<SendMessageHandler>();
        var commit = Host.Get<GroupCommit>();
        Assert.True(commit.IsEnabled);

        Task<SendMessageResult>[] sends;
        Task<SendMessageResult> invalid;
        using (commit.Hold())
        {
            sends =
            [
                .. Enumerable.Range(0, 10).Select(i => send.HandleAsync(i % 2 == 0 ? sara.Id : omar.Id, new SendMessage(direct, $"m{i}", ClientMessageId: $"c{i}"))),
                // The same client ids again (the sender's retries), in the same batch as their originals.
                send.HandleAsync(sara.Id, new SendMessage(direct, "m2 again", ClientMessageId: "c2")),
                send.HandleAsync(omar.Id, new SendMessage(direct, "m7 again", ClientMessageId: "c7")),
            ];
            invalid = send.HandleAsync(omar.Id, new SendMessage(direct, "reply to nothing", ReplyToMessageId: Guid.NewGuid()));
            await Eventually.UntilAsync("13 sends queued behind the held writers", () => commit.Queued == 13, TimeSpan.FromSeconds(60));
        }

        var error = await Assert.ThrowsAsync<MessagingException>(() => invalid);
        Assert.Equal(ErrorCode.ValidationFailed, error.Code);
        var results = await Task.WhenAll(sends);

        var stored = await Host.QueryAsync(db => db.Messages.Where(m => m.ConversationId == direct).OrderBy(m => m.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), stored.Select(m => m.Sequence));
        Assert.Equal(10, stored.Select(m => m.ClientMessageId).Distinct().Count());
        Assert.Equal(10, results.Count(r => r.Created));

        // A send is queued after its membership pre-check, so an original and its retry may reach the queue in either
        // order: whichever comes first is stored, the other gets that very message back.
        foreach (var (original, retry) in new[] { (2, 10), (7, 11) })
        {
            var pair = new[] { results[original], results[retry] };
            var created = Assert.Single(pair, r => r.Created);
            Assert.All(pair, r => Assert.Equal((created.Message.Id, created.Message.Content), (r.Message.Id, r.Message.Content)));
            Assert.Equal(created.Message.Content, stored.Single(m => m.Id == created.Message.Id).Content);
        }

        var conversation = await Host.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == direct));
        Assert.Equal(10, conversation.LastSequence);
    }

    [Fact]
    public async Task ManyConcurrentSends_OneConversation_EachStoredOnceInOneGaplessOrder()
    {
        var sara = await Host.CreateUserAsync("Sara");
        var omar = await Host.CreateUserAsync("Omar");
        var direct = await Host.CreateDirectAsync(sara, omar);
        var send = Host.Get<SendMessageHandler>();

        // Every client id sent three times at once, from alternating senders: 60 calls, 20 messages.
        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            send.HandleAsync((i % 20) % 2 == 0 ? sara.Id : omar.Id, new SendMessage(direct, $"m{i % 20}", ClientMessageId: $"c{i % 20}"))));

        Assert.Equal(20, results.Count(r => r.Created));
        Assert.All(results.GroupBy(r => r.Message.ClientMessageId), g => Assert.Single(g.Select(r => r.Message.Id).Distinct()));
        var stored = await Host.QueryAsync(db => db.Messages.Where(m => m.ConversationId == direct).OrderBy(m => m.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stored.Select(m => m.Sequence));
        Assert.Equal(20, stored.Select(m => m.ClientMessageId).Distinct().Count());
    }
}

public sealed class GroupCommitTestsOnSqlite : GroupCommitTests
{
    protected override Task<CoreTestHost> CreateHostAsync() => CoreTestHost.CreateAsync();
}
