using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Messages;

/// <summary>
/// Group commit on PostgreSQL (ADR 0038): the shared cases, plus a commit that fails at <c>COMMIT</c> (a deferred
/// constraint trigger refuses one message of the batch): every caller of the batch gets an error, nothing is stored,
/// and the writer goes on.
/// </summary>
public sealed class GroupCommitTestsOnPostgres : GroupCommitTests
{
    private PostgresDatabase database = null!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    protected override async Task<CoreTestHost> CreateHostAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        return await CoreTestHost.CreateOnPostgresAsync(database);
    }

    [Fact]
    public async Task CommitFails_EveryCallerInTheBatchGetsTheError_NothingIsStored()
    {
        var sara = await Host.CreateUserAsync("Sara");
        var omar = await Host.CreateUserAsync("Omar");
        var direct = await Host.CreateDirectAsync(sara, omar);
        await Host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
            CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW."Content" = 'poison' THEN RAISE EXCEPTION 'poison refused at commit'; END IF;
              RETURN NULL;
            END $$;
            CREATE CONSTRAINT TRIGGER refuse_poison AFTER INSERT ON "Messages"
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_poison();
            """));
        var send = Host.Get<SendMessageHandler>();
        var commit = Host.Get<GroupCommit>();

        Task<SendMessageResult>[] sends;
        using (commit.Hold())
        {
            // Every piece succeeds on its own; only the commit, checking the deferred trigger, refuses the batch.
            sends = [.. Enumerable.Range(0, 6).Select(i => send.HandleAsync(sara.Id, new SendMessage(direct, i == 3 ? "poison" : $"m{i}", ClientMessageId: $"c{i}")))];
            await Eventually.UntilAsync("6 sends queued behind the held writers", () => commit.Queued == 6, TimeSpan.FromSeconds(60));
        }

        foreach (var call in sends)
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => call);
            Assert.Contains("poison refused at commit", error.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await Host.QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == direct)));
        Assert.Equal(0, (await Host.QueryAsync(db => db.Conversations.SingleAsync(c => c.Id == direct))).LastSequence);

        // The writer survives its failed batch: the next send is stored as the first message.
        var after = await send.HandleAsync(omar.Id, new SendMessage(direct, "after", ClientMessageId: "c0"));
        Assert.True(after.Created);
        Assert.Equal(1, after.Message.Sequence);
    }
}
