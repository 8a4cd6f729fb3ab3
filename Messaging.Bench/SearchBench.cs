using System.Diagnostics;
using System.Globalization;
using Messaging.Core;
using Messaging.Core.Accounts;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Messaging.Bench;

/// <summary>
/// <c>--scenario search</c>: generates <c>--messages</c> messages (default 1,000,000) in <c>--conversations</c>
/// conversations (default 10,000) of Arabic and English text straight into a fresh database, with the index text the
/// product writes (<see cref="SearchDocument"/>), then times the product's own search use case
/// (<see cref="SearchMessagesHandler"/>, in process: the database and the query, not HTTP) for ordinary members.
/// </summary>
public static class SearchBench
{
    private const int Users = 1_000;
    private const int QueriesPerKind = 200;

    public static async Task<int> RunAsync(BenchCommandLine options, Action<string> print, CancellationToken cancellationToken)
    {
        var messages = options.Messages ?? 1_000_000;
        var conversations = options.Conversations;
        var directory = Directory.CreateTempSubdirectory("messaging-search-bench-").FullName;
        string? postgresDatabase = null;
        try
        {
            string connectionString;
            if (options.Provider == "Postgres")
            {
                postgresDatabase = $"messaging_search_bench_{Guid.NewGuid():N}";
                await ExecuteAsync(options.Postgres!, $"CREATE DATABASE \"{postgresDatabase}\"", cancellationToken);
                connectionString = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = postgresDatabase }.ConnectionString;
            }
            else
            {
                connectionString = $"Data Source={Path.Combine(directory, "messaging.db")}";
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Messaging:Database:Provider"] = options.Provider,
                ["ConnectionStrings:Messaging"] = connectionString,
                ["Messaging:DataDirectory"] = directory,
            }).Build();
            var collection = new ServiceCollection();
            collection.AddLogging();
            collection.AddSingleton<IConfiguration>(configuration);
            collection.AddMessagingCore(configuration);
            collection.AddDataProtection(); // the cipher is registered, though no conversation here is encrypted
            await using var services = collection.BuildServiceProvider();
            var factory = services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
            await DatabaseMigrator.MigrateAsync(factory, cancellationToken);

            print($"Search bench on {options.Provider}: {messages:N0} messages in {conversations:N0} conversations, {Users:N0} people ({BenchJson.LoadAverage()} load)");
            var corpus = new SearchCorpus(seed: 20261201);
            var generated = Stopwatch.StartNew();
            var members = await GenerateAsync(factory, corpus, messages, conversations, cancellationToken);
            print($"generated in {generated.Elapsed.TotalSeconds:F0} s; index size {await IndexSizeAsync(factory, cancellationToken)}");

            var search = services.GetRequiredService<SearchMessagesHandler>();
            var random = new Random(7);
            var now = DateTime.UtcNow;
            print("| query | p50 | p95 | max | mean results |");
            print("|---|---|---|---|---|");
            await MeasureAsync("one word, all my conversations", print, QueriesPerKind, async () =>
            {
                var caller = members.Callers[random.Next(members.Callers.Count)];
                return await search.HandleAsync(caller, new SearchRequest(corpus.QueryWord(random)), cancellationToken);
            });
            await MeasureAsync("two words + after filter (90 days)", print, QueriesPerKind, async () =>
            {
                var caller = members.Callers[random.Next(members.Callers.Count)];
                return await search.HandleAsync(caller, new SearchRequest($"{corpus.QueryWord(random)} {corpus.QueryWord(random)}", After: now.AddDays(-90)), cancellationToken);
            });
            await MeasureAsync("one word in one conversation", print, QueriesPerKind, async () =>
            {
                var (caller, conversation) = members.Memberships[random.Next(members.Memberships.Count)];
                return await search.HandleAsync(caller, new SearchRequest(corpus.QueryWord(random), ConversationId: conversation), cancellationToken);
            });
            await MeasureAsync("typing: first three letters", print, QueriesPerKind, async () =>
            {
                var caller = members.Callers[random.Next(members.Callers.Count)];
                var word = corpus.QueryWord(random);
                return await search.HandleAsync(caller, new SearchRequest(word[..Math.Min(3, word.Length)]), cancellationToken);
            });
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (options.Keep)
            {
                print($"kept: {(postgresDatabase is null ? Path.Combine(directory, "messaging.db") : $"PostgreSQL database {postgresDatabase}")}");
            }
            else if (postgresDatabase is not null)
            {
                await ExecuteAsync(options.Postgres!, $"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)", CancellationToken.None);
            }

            if (!options.Keep)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private sealed record Members(IReadOnlyList<Guid> Callers, IReadOnlyList<(Guid User, Guid Conversation)> Memberships);

    /// <summary>70 % direct conversations, the rest groups of 3 to 10; the messages spread over the last year, evenly per conversation.</summary>
    private static async Task<Members> GenerateAsync(IDbContextFactory<MessagingDbContext> factory, SearchCorpus corpus, int messageCount, int conversationCount, CancellationToken cancellationToken)
    {
        var random = new Random(11);
        var now = DateTime.UtcNow;
        var users = Enumerable.Range(0, Users).Select(i => new User
        {
            Id = Guid.CreateVersion7(),
            UserName = $"bench{i}@search.bench",
            NormalizedUserName = $"BENCH{i}@SEARCH.BENCH",
            Email = $"bench{i}@search.bench",
            NormalizedEmail = $"BENCH{i}@SEARCH.BENCH",
            EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            Name = $"Bench {i}",
            NormalizedName = $"bench {i}",
            VerificationStatus = VerificationStatus.Verified,
            CreatedAt = now.AddYears(-1),
        }).ToList();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.Users.AddRange(users);
            await db.SaveChangesAsync(cancellationToken);
        }

        var memberships = new List<(Guid, Guid)>();
        var perConversation = messageCount / conversationCount;
        const int ConversationsPerBatch = 100;
        for (var first = 0; first < conversationCount; first += ConversationsPerBatch)
        {
            var batch = new List<Message>(ConversationsPerBatch * perConversation);
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var c = first; c < Math.Min(conversationCount, first + ConversationsPerBatch); c++)
            {
                var group = random.NextDouble() >= 0.7;
                var people = Enumerable.Range(0, group ? random.Next(3, 11) : 2).Select(_ => users[random.Next(users.Count)]).Distinct().ToList();
                var created = now.AddDays(-366);
                var conversation = new Conversation
                {
                    Id = Guid.CreateVersion7(),
                    Type = group ? ConversationType.Group : ConversationType.Direct,
                    Title = group ? $"Group {c}" : null,
                    DirectKey = group ? null : $"bench-{c}",
                    CreatedBy = people[0].Id,
                    CreatedAt = created,
                    UpdatedAt = now,
                    LastSequence = perConversation,
                };
                db.Conversations.Add(conversation);
                foreach (var person in people)
                {
                    db.Participants.Add(new Participant
                    {
                        ConversationId = conversation.Id,
                        UserId = person.Id,
                        Role = person == people[0] ? ParticipantRole.Admin : ParticipantRole.Member,
                        JoinedAt = created,
                        AcceptedAt = created,
                    });
                    memberships.Add((person.Id, conversation.Id));
                }

                for (var s = 1; s <= perConversation; s++)
                {
                    var content = corpus.Message(random);
                    batch.Add(new Message
                    {
                        Id = Guid.CreateVersion7(),
                        ConversationId = conversation.Id,
                        Sequence = s,
                        SenderId = people[random.Next(people.Count)].Id,
                        Content = content,
                        SearchText = SearchDocument.For(content),
                        Type = MessageType.Text,
                        SentAt = created.AddMinutes(s * 525_000.0 / perConversation),
                    });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await BulkInsert.MessagesAsync(db, batch, cancellationToken);
        }

        return new Members([.. users.Select(u => u.Id)], memberships);
    }

    private static async Task MeasureAsync(string kind, Action<string> print, int count, Func<Task<IReadOnlyList<MessageSearchResult>>> query)
    {
        // Two unmeasured runs first: the first query pays for EF's query compilation and the cold page cache.
        await query();
        await query();
        var times = new List<double>(count);
        long results = 0;
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            results += (await query()).Count;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " ms";
        print($"| {kind} | {Ms(times[count / 2])} | {Ms(times[(int)Math.Ceiling(count * 0.95) - 1])} | {Ms(times[^1])} | {(double)results / count:F1} |");
    }

    private static async Task<string> IndexSizeAsync(IDbContextFactory<MessagingDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            var gin = await db.Database.SqlQuery<long>($"SELECT pg_relation_size('\"IX_Messages_SearchWords\"') AS \"Value\"").SingleAsync(cancellationToken);
            var words = await db.Database.SqlQuery<long>($"SELECT COALESCE(SUM(pg_column_size(\"SearchWords\")), 0) AS \"Value\" FROM \"Messages\"").SingleAsync(cancellationToken);
            return $"{gin / 1048576.0:F0} MB (GIN) + {words / 1048576.0:F0} MB (stored tsvector column)";
        }

        // The bytes of FTS5's index blocks (this SQLite has no dbstat table to count pages by).
        var bytes = await db.Database.SqlQuery<long>($"SELECT COALESCE(SUM(length(block)), 0) AS \"Value\" FROM \"MessageSearch_data\"").SingleAsync(cancellationToken);
        return $"{bytes / 1048576.0:F0} MB (FTS5 index blocks)";
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
