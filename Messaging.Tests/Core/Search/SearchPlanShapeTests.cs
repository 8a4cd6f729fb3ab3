using System.Data.Common;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Search;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Messaging.Tests.Core.Search;

/// <summary>
/// The member-first search (ADR 0037) keeps its shape when the database plans the SQL the handler really sends: the
/// query plan of that command (EXPLAIN, same text and parameters) starts from the caller's messages and never lets
/// the text index be probed once per message — the shape that took seconds for one conversation on SQLite.
/// </summary>
public abstract class SearchPlanShapeTests
{
    protected abstract Task<CoreTestHost> CreateHostAsync();

    protected abstract MessagingDbContext CreateContext(string connectionString, PlanRecorder recorder);

    protected abstract PlanRecorder CreateRecorder();

    /// <summary>Checks the plan lines of one member-first search command; a failure message shows them.</summary>
    protected abstract void AssertShape(IReadOnlyList<string> plan, string what);

    [Fact]
    public async Task MemberFirst_OneConversationAndAll_PlanStartsFromTheCallersMessages()
    {
        await using var host = await CreateHostAsync();
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var lina = await host.CreateUserAsync("Lina");
        var group = await host.CreateGroupAsync(sara, "Harbour", omar, lina);
        var direct = await host.CreateDirectAsync(sara, omar);
        var send = host.Get<SendMessageHandler>();
        for (var i = 0; i < 5; i++)
        {
            await send.HandleAsync(sara.Id, new SendMessage(group, $"harbour trip number {i}"));
            await send.HandleAsync(omar.Id, new SendMessage(direct, $"the harbour at noon {i}"));
        }

        var recorder = CreateRecorder();
        var connectionString = host.Get<IConfiguration>()["ConnectionStrings:Messaging"]!;
        var handler = new SearchMessagesHandler(new RecordingFactory(() => CreateContext(connectionString, recorder)), host.Get<EncryptedSearch>());

        var inOne = await handler.HandleAsync(sara.Id, new SearchRequest("harbour", ConversationId: group), SearchPlan.MemberFirst);
        Assert.Equal(5, inOne.Count); // the plan is only worth pinning if the query it plans finds what it should
        AssertShape(recorder.Take(), "one conversation");
        var inAll = await handler.HandleAsync(sara.Id, new SearchRequest("harbour"), SearchPlan.MemberFirst);
        Assert.Equal(10, inAll.Count);
        AssertShape(recorder.Take(), "all conversations");
    }

    /// <summary>Asks the database for the plan of every search command just before it runs, with its own parameters.</summary>
    protected sealed class PlanRecorder : DbCommandInterceptor
    {
        private readonly List<string> lines = [];

        public required string ExplainPrefix { get; init; }

        public required Func<DbDataReader, string> Line { get; init; }

        /// <summary>The plan lines recorded since the last call.</summary>
        public IReadOnlyList<string> Take()
        {
            var taken = lines.ToArray();
            lines.Clear();
            return taken;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            // Only the search itself: the text index's own condition is in its SQL.
            if (command.CommandText.Contains("MATCH", StringComparison.Ordinal) || command.CommandText.Contains("@@", StringComparison.Ordinal))
            {
                await using var explain = command.Connection!.CreateCommand();
                explain.Transaction = command.Transaction;
                explain.CommandText = ExplainPrefix + command.CommandText;
                foreach (DbParameter parameter in command.Parameters)
                {
                    var copy = explain.CreateParameter();
                    copy.ParameterName = parameter.ParameterName;
                    copy.DbType = parameter.DbType;
                    copy.Value = parameter.Value;
                    explain.Parameters.Add(copy);
                }

                await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add(Line(reader));
                }
            }

            return result;
        }
    }

    private sealed class RecordingFactory(Func<MessagingDbContext> create) : IDbContextFactory<MessagingDbContext>
    {
        public MessagingDbContext CreateDbContext() => create();
    }
}

public sealed class SearchPlanShapeTestsOnSqlite : SearchPlanShapeTests
{
    protected override Task<CoreTestHost> CreateHostAsync() => CoreTestHost.CreateAsync();

    // EXPLAIN QUERY PLAN's rows are id, parent, notused, detail.
    protected override PlanRecorder CreateRecorder() => new() { ExplainPrefix = "EXPLAIN QUERY PLAN ", Line = reader => reader.GetString(3) };

    protected override MessagingDbContext CreateContext(string connectionString, PlanRecorder recorder) =>
        new SqliteMessagingDbContext(new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(connectionString).AddInterceptors(recorder).Options);

    protected override void AssertShape(IReadOnlyList<string> plan, string what)
    {
        var text = $"{what}:\n{string.Join('\n', plan)}";
        // One pass of FTS5 over "these words in these conversations" (ADR 0054), never a lookup per rowid (=).
        var fts = plan.ToList().FindIndex(l => l.Contains("MessageSearch VIRTUAL TABLE", StringComparison.Ordinal));
        Assert.True(fts >= 0, text);
        var index = plan[fts][plan[fts].IndexOf("INDEX", StringComparison.Ordinal)..];
        Assert.True(index.Contains(":M", StringComparison.Ordinal) && !index.Contains('=', StringComparison.Ordinal), text);
        // Where the matches are composed with the caller's rows, they are a subquery of their own (materialised, or a
        // co-routine feeding an automatic index), computed once; not flattened into the joins.
        if (plan.Any(l => l.Contains("Participants", StringComparison.Ordinal)))
        {
            var materialized = plan.ToList().FindIndex(l => l.StartsWith("MATERIALIZE", StringComparison.Ordinal) || l.StartsWith("CO-ROUTINE", StringComparison.Ordinal));
            Assert.True(materialized >= 0 && fts > materialized, text);
        }

        Assert.Single(plan, l => l.Contains("MessageSearch VIRTUAL TABLE", StringComparison.Ordinal));
    }
}

public sealed class SearchPlanShapeTestsOnPostgres : SearchPlanShapeTests, IAsyncLifetime
{
    private PostgresDatabase? database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    protected override async Task<CoreTestHost> CreateHostAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        return await CoreTestHost.CreateOnPostgresAsync(database);
    }

    protected override PlanRecorder CreateRecorder() => new() { ExplainPrefix = "EXPLAIN (VERBOSE) ", Line = reader => reader.GetString(0) };

    protected override MessagingDbContext CreateContext(string connectionString, PlanRecorder recorder) =>
        new PostgresMessagingDbContext(new DbContextOptionsBuilder<PostgresMessagingDbContext>().UseNpgsql(connectionString).AddInterceptors(recorder).Options);

    protected override void AssertShape(IReadOnlyList<string> plan, string what)
    {
        var text = $"{what}:\n{string.Join('\n', plan)}";
        // From the caller's messages in a fenced subquery (index or table scan by size); the GIN index is not read.
        Assert.True(plan.Any(l => l.Contains("Subquery Scan", StringComparison.Ordinal)), text);
        Assert.False(plan.Any(l => l.Contains("IX_Messages_SearchWords", StringComparison.Ordinal)), text);
        // No text is parsed at query time (ADR 0048): the stored words are matched and ranked.
        Assert.False(plan.Any(l => l.Contains("to_tsvector", StringComparison.Ordinal)), text);
        Assert.True(plan.Any(l => l.Contains("\"SearchWords\"", StringComparison.Ordinal)), text);
    }
}
