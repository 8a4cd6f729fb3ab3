using System.Text.Json.Nodes;
using Messaging.Core.Operations;
using Messaging.Core.Persistence;
using Messaging.Core.Retention;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.Tests.Web.Operations;

/// <summary>
/// SQLite's FTS5 index names messages by <c>Messages</c>' rowid, and <c>Messages</c> has no INTEGER PRIMARY KEY, so
/// SQLite documents that <c>VACUUM</c> "may" renumber those rowids — which the backup (<c>VACUUM INTO</c>) relies on
/// not happening. With gaps left by retention in the middle of the table, a backup restored into a fresh data
/// directory must still find every kept message by its own words, and nothing else.
/// </summary>
public sealed class BackupSearchTests
{
    private const int Sent = 30;
    private const string Shared = "harbour";

    [Fact]
    public async Task BackupAndRestore_WithRowidGaps_SearchFindsEachMessageByItsOwnWords()
    {
        await using var original = await SqliteDatabase.CreateAsync();
        await using var restoredDatabase = await SqliteDatabase.CreateAsync();
        var backupFolder = Path.Combine(original.DataDirectory, "..", $"messaging-backup-{Guid.NewGuid():N}");
        try
        {
            TestUser omar;
            string conversation;
            var kept = new Dictionary<string, string>(StringComparer.Ordinal); // unique word → message id
            var removed = new List<string>();
            await using (var serving = MessagingHost.Start(DatabaseProvider.Sqlite, original.ConnectionString, original.DataDirectory))
            {
                using var api = serving.CreateApi();
                var sara = await api.CreateVerifiedUserAsync("Sara");
                omar = await api.CreateVerifiedUserAsync("Omar");
                conversation = await api.CreateDirectAsync(sara, omar);
                var old = new List<Guid>();
                for (var i = 0; i < Sent; i++)
                {
                    var word = Word(i);
                    var id = (await api.SendMessageAsync(i % 2 == 0 ? sara : omar, conversation, $"{word} at the {Shared}"))["id"]!.GetValue<string>();
                    // Every third message ages out: gaps all through the rowids, not just at the end.
                    if (i % 3 == 1)
                    {
                        old.Add(Guid.Parse(id));
                        removed.Add(word);
                    }
                    else
                    {
                        kept[word] = id;
                    }
                }

                var factory = serving.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
                await using (var db = await factory.CreateDbContextAsync())
                {
                    var then = DateTime.UtcNow.AddDays(-40);
                    Assert.Equal(old.Count, await db.Messages.Where(m => old.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, then)));
                }

                Assert.Equal(old.Count, await serving.Services.GetRequiredService<RetentionJob>().RemoveExpiredAsync(DateTime.UtcNow, defaultDays: 30));
                // Sent after the gaps: rowids past the highest one deleted.
                for (var i = Sent; i < Sent + 3; i++)
                {
                    kept[Word(i)] = (await api.SendMessageAsync(sara, conversation, $"{Word(i)} at the {Shared}"))["id"]!.GetValue<string>();
                }

                await ActivatorUtilities.CreateInstance<DataBackup>(serving.Services).BackupAsync(backupFolder);
            }

            var before = await RowidsAsync(original.DatabasePath);
            var keyRing = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(restoredDatabase.DataDirectory, "keys")), NullLoggerFactory.Instance);
            await DataBackup.RestoreAsync(backupFolder, restoredDatabase.DataDirectory, restoredDatabase.DatabasePath, keyRing);

            // The invariant the index depends on, stated directly: every message keeps its rowid, gaps and all.
            var after = await RowidsAsync(restoredDatabase.DatabasePath);
            Assert.Equal(before, after);
            Assert.True(after.Keys.Max() > after.Count, "the table has rowid gaps");

            await using var restored = MessagingHost.Start(DatabaseProvider.Sqlite, restoredDatabase.ConnectionString, restoredDatabase.DataDirectory);
            using var restoredApi = restored.CreateApi();
            var again = await restoredApi.LoginAsync(omar.Email, omar.Password);
            foreach (var (word, id) in kept)
            {
                var hit = Assert.Single(await FindAsync(restoredApi, again, word, conversation));
                Assert.Equal(id, hit!["message_id"]!.GetValue<string>());
                Assert.Equal($"{word} at the {Shared}", hit["content"]!.GetValue<string>());
            }

            foreach (var word in removed)
            {
                Assert.Empty(await FindAsync(restoredApi, again, word, conversation));
            }

            var all = await FindAsync(restoredApi, again, Shared, conversation);
            Assert.Equal(kept.Values.Order(StringComparer.Ordinal), all.Select(h => h!["message_id"]!.GetValue<string>()).Order(StringComparer.Ordinal));

            // FTS5's own check of the index against the content table (rank 1: compare with Messages' rows).
            await using var connection = new SqliteConnection($"Data Source={restoredDatabase.DatabasePath};Pooling=False");
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = """INSERT INTO "MessageSearch"("MessageSearch", rank) VALUES ('integrity-check', 1)""";
            await check.ExecuteNonQueryAsync();
        }
        finally
        {
            if (Directory.Exists(backupFolder))
            {
                Directory.Delete(backupFolder, recursive: true);
            }
        }
    }

    /// <summary>A word no other message has, letters only (digits and a trailing "s" are folded differently).</summary>
    private static string Word(int i) => $"zq{(char)('a' + (i / 26))}{(char)('a' + (i % 26))}x";

    private static async Task<JsonArray> FindAsync(ApiClient api, TestUser user, string query, string conversation) =>
        (await api.GetAsync($"/api/v1/messaging/search?query={Uri.EscapeDataString(query)}&conversation_id={conversation}&limit=50", user))!.AsArray();

    private static async Task<SortedDictionary<long, string>> RowidsAsync(string path)
    {
        var rows = new SortedDictionary<long, string>();
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT rowid, "Id" FROM "Messages" """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt64(0), reader.GetString(1));
        }

        return rows;
    }
}
