using System.Collections.Concurrent;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Messages;

/// <summary>
/// Two nodes (two hosts, each with its own group-commit writer and pool) on one PostgreSQL database sending to the
/// same two conversations at once, with the same client ids sent through both nodes (ADR 0038): sequences stay
/// gapless per conversation, each client id is stored once and every acknowledged message is stored once, with the id
/// and sequence it was acknowledged with. One writer per node, so each batch holds both conversations, queued in
/// opposite orders on the two nodes: without the batch's ordered row locks the two batches would deadlock.
/// </summary>
public sealed class TwoNodeSendTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> OneWriter = new() { ["Messaging:Database:GroupCommitWriters"] = "1" };

    private PostgresDatabase database = null!;
    private CoreTestHost nodeA = null!;
    private CoreTestHost nodeB = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        nodeA = await CoreTestHost.CreateOnPostgresAsync(database, migrate: true, OneWriter);
        nodeB = await CoreTestHost.CreateOnPostgresAsync(database, migrate: false, OneWriter);
    }

    public async Task DisposeAsync()
    {
        await nodeA.DisposeAsync();
        await nodeB.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task TwoNodes_ConcurrentSendsToOneConversation_GaplessNoDuplicatesEveryAcknowledgedStoredOnce()
    {
        var sara = await nodeA.CreateUserAsync("Sara");
        var omar = await nodeA.CreateUserAsync("Omar");
        var lina = await nodeA.CreateUserAsync("Lina");
        var direct = await nodeA.CreateDirectAsync(sara, omar);
        var group = await nodeA.CreateGroupAsync(sara, "Both nodes", omar, lina);
        Guid[] conversations = [direct, group];
        var acknowledged = new ConcurrentBag<(Guid Conversation, string ClientId, Guid Id, long Sequence, bool Created)>();

        async Task SendAsync(CoreTestHost node, int n, Guid conversation)
        {
            // The same (conversation, sender, client id) goes through both nodes: one of them stores it, the other gets it back.
            var sender = n % 2 == 0 ? sara : omar;
            var result = await node.Get<SendMessageHandler>().HandleAsync(sender.Id, new SendMessage(conversation, $"m{n}", ClientMessageId: $"c{n}"));
            acknowledged.Add((conversation, $"c{n}", result.Message.Id, result.Message.Sequence, result.Created));
        }

        // Round 1: both nodes' writers held, 40 sends queued on each, the conversations interleaved in opposite orders.
        var commitA = nodeA.Get<GroupCommit>();
        var commitB = nodeB.Get<GroupCommit>();
        var held = new List<Task>();
        using (commitA.Hold())
        using (commitB.Hold())
        {
            held.AddRange(Enumerable.Range(0, 40).Select(n => SendAsync(nodeA, n, conversations[n % 2])));
            held.AddRange(Enumerable.Range(0, 40).Select(n => SendAsync(nodeB, n, conversations[(n + 1) % 2])));
            await Eventually.UntilAsync("40 sends queued on each node", () => commitA.Queued == 40 && commitB.Queued == 40, TimeSpan.FromSeconds(60));
        }

        await Task.WhenAll(held);

        // Round 2: free running, 300 sends from both nodes at once, each client id through both.
        await Task.WhenAll(Enumerable.Range(100, 150).SelectMany(n => new[]
        {
            SendAsync(nodeA, n, conversations[n % 2]),
            SendAsync(nodeB, n, conversations[n % 2]),
        }));

        foreach (var conversation in conversations)
        {
            var stored = await nodeB.QueryAsync(db => db.Messages.Where(m => m.ConversationId == conversation).OrderBy(m => m.Sequence).ToListAsync());
            var lastSequence = (await nodeB.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == conversation))).LastSequence;
            Assert.Equal(Enumerable.Range(1, (int)lastSequence).Select(i => (long)i), stored.Select(m => m.Sequence));

            var sent = stored.Where(m => m.ClientMessageId is not null).ToList();
            Assert.Equal(sent.Count, sent.Select(m => (m.SenderId, m.ClientMessageId)).Distinct().Count());

            var mine = acknowledged.Where(a => a.Conversation == conversation).ToList();
            Assert.Equal(mine.Select(a => a.ClientId).Distinct().Count(), sent.Count);
            Assert.Equal(sent.Count, mine.Count(a => a.Created));
            var byClientId = sent.ToDictionary(m => m.ClientMessageId!);
            Assert.All(mine, a =>
            {
                Assert.True(byClientId.TryGetValue(a.ClientId, out var found), $"Acknowledged {a.ClientId} is not stored.");
                Assert.Equal((a.Id, a.Sequence), (found.Id, found.Sequence));
            });
        }

        // The ordered row locks kept the two nodes' batches out of each other's way: no attempt had to run again.
        Assert.DoesNotContain(nodeA.Logs.Records.Concat(nodeB.Logs.Records), r => r.Contains("lock conflict", StringComparison.Ordinal));
    }
}
