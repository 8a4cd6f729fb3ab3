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
        var reuse = options.Reuse;
        var directory = reuse is not null && options.Provider != "Postgres"
            ? Path.GetDirectoryName(Path.GetFullPath(reuse))!
            : Directory.CreateTempSubdirectory("messaging-search-bench-").FullName;
        string? postgresDatabase = null;
        try
        {
            string connectionString;
            if (options.Provider == "Postgres")
            {
                postgresDatabase = reuse ?? $"messaging_search_bench_{Guid.NewGuid():N}";
                if (reuse is null)
                {
                    await ExecuteAsync(options.Postgres!, $"CREATE DATABASE \"{postgresDatabase}\"", cancellationToken);
                }

                connectionString = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = postgresDatabase }.ConnectionString;
            }
            else
            {
                connectionString = $"Data Source={(reuse is null ? Path.Combine(directory, "messaging.db") : Path.GetFullPath(reuse))}";
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

            var corpus = new SearchCorpus(seed: 20261201);
            Members members;
            if (reuse is null)
            {
                print($"Search bench on {options.Provider}: {messages:N0} messages in {conversations:N0} conversations, {Users:N0} people ({BenchJson.LoadAverage()} load)");
                var generated = Stopwatch.StartNew();
                members = await GenerateAsync(factory, corpus, messages, conversations, cancellationToken);
                print($"generated in {generated.Elapsed.TotalSeconds:F0} s; index size {await IndexSizeAsync(factory, cancellationToken)}");
            }
            else
            {
                members = await ReadMembersAsync(factory, cancellationToken);
                print($"Search bench on {options.Provider}, reusing {reuse}: {members.Callers.Count:N0} people, {members.Memberships.Count:N0} memberships; index size {await IndexSizeAsync(factory, cancellationToken)} ({BenchJson.LoadAverage()} load)");
            }


            var search = services.GetRequiredService<SearchMessagesHandler>();
            var random = new Random(7);
            var now = DateTime.UtcNow;
            print("| query | p50 | p95 | max | CPU per query (this process) | mean results |");
            print("|---|---|---|---|---|---|");
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

    /// <summary>The people and memberships of a database generated earlier, in the order <see cref="GenerateAsync"/> made them (by the number in their names).</summary>
    private static async Task<Members> ReadMembersAsync(IDbContextFactory<MessagingDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.Where(u => u.Email!.EndsWith("@search.bench")).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        var number = users.ToDictionary(u => u.Id, u => int.Parse(u.Name.AsSpan("Bench ".Length), CultureInfo.InvariantCulture));
        var memberships = await (
                from p in db.Participants
                join c in db.Conversations on p.ConversationId equals c.Id
                select new { p.UserId, p.ConversationId, Key = c.Title ?? c.DirectKey })
            .ToListAsync(cancellationToken);
        static int ConversationNumber(string key) => int.Parse(key.AsSpan(key.LastIndexOfAny([' ', '-']) + 1), CultureInfo.InvariantCulture);
        return new Members(
            [.. users.OrderBy(u => number[u.Id]).Select(u => u.Id)],
            [.. memberships.Where(m => number.ContainsKey(m.UserId)).OrderBy(m => ConversationNumber(m.Key!)).ThenBy(m => number[m.UserId]).Select(m => (m.UserId, m.ConversationId))]);
    }

    private static async Task MeasureAsync(string kind, Action<string> print, int count, Func<Task<IReadOnlyList<MessageSearchResult>>> query)
    {
        // Two unmeasured runs first: the first query pays for EF's query compilation and the cold page cache.
        await query();
        await query();
        var times = new List<double>(count);
        long results = 0;
        // This process's CPU per query beside the wall times: on PostgreSQL it leaves out the server's share, on SQLite
        // (in process) it is the whole query, and it holds up better than wall time on a busy machine.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            results += (await query()).Count;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var cpuPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / count;
        times.Sort();
        string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " ms";
        print($"| {kind} | {Ms(times[count / 2])} | {Ms(times[(int)Math.Ceiling(count * 0.95) - 1])} | {Ms(times[^1])} | {Ms(cpuPerQuery)} | {(double)results / count:F1} |");
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
