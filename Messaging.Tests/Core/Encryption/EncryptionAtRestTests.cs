using System.Text;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Messaging.Tests.Core.Encryption;

/// <summary>Sensitive conversations leave no plaintext in the database, yet participants read them normally.</summary>
public abstract class EncryptionAtRestTests(AppFixture app)
{
    private const string Secret = "Merger with Falcon Holdings closes Thursday — صفقة الاندماج سرية";

    [Fact]
    public async Task SendInSensitiveConversation_RawStorageHasNoPlaintext_ApiReturnsIt()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);

        var sent = await api.SendMessageAsync(sara, id, Secret);
        await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Patch, $"/api/v1/messaging/conversations/{id}/messages/{sent["id"]}", sara,
            new { content = Secret + " (edited)" });

        var history = (await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", omar))!.AsArray();
        Assert.Equal(Secret + " (edited)", history.Single()!["content"]!.GetValue<string>());
        Assert.True(history.Single()!["is_encrypted"]!.GetValue<bool>());
        var conversation = await api.GetAsync($"/api/v1/messaging/conversations/{id}", omar);
        Assert.True(conversation!["is_encrypted"]!.GetValue<bool>());

        var raw = await ReadEverythingAsync();
        Assert.DoesNotContain("Falcon", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("الاندماج", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("falcon", raw, StringComparison.Ordinal); // nor the normalized search text

        // The check itself can see plaintext: an ordinary conversation's text is found.
        var plainId = await api.CreateGroupAsync(sara, "Plain", omar);
        await api.SendMessageAsync(sara, plainId, "Ordinary words Zanzibar");
        Assert.Contains("Zanzibar", await ReadEverythingAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SensitiveConversation_IsFoundByItsParticipantsOnly_ThroughTheBlindIndex()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var stranger = await api.CreateVerifiedUserAsync("Stranger");
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);
        var word = "quarterly" + Guid.NewGuid().ToString("N")[..6];
        await api.SendMessageAsync(sara, id, $"{word} numbers");

        // Found (decrypted for the participant, ADR 0028), though the database holds only keyed hashes of the words.
        var hit = Assert.Single((await api.GetAsync("/api/v1/messaging/search?query=" + word, sara))!.AsArray());
        Assert.Equal($"{word} numbers", hit!["content"]!.GetValue<string>());
        Assert.Empty((await api.GetAsync("/api/v1/messaging/search?query=" + word, stranger))!.AsArray());
        Assert.DoesNotContain(word, await ReadEverythingAsync(), StringComparison.Ordinal);
    }

    /// <summary>Every byte the database holds, as the operator (or a thief of the disk or a backup) would see it.</summary>
    private async Task<string> ReadEverythingAsync()
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            // Checkpoint the WAL so the main file holds everything, then read the files raw.
            await using (var connection = new SqliteConnection(app.ConnectionString))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await checkpoint.ExecuteNonQueryAsync();
            }

            var path = new SqliteConnectionStringBuilder(app.ConnectionString).DataSource;
            var builder = new StringBuilder();
            foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                builder.Append(await reader.ReadToEndAsync());
            }

            return builder.ToString();
        }

        // PostgreSQL: every text column of every row of our tables.
        await using var pg = new NpgsqlConnection(app.ConnectionString);
        await pg.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'public'", pg))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"select t::text from \"{table}\" t", pg);
            await using var rows = await select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                dump.AppendLine(rows.GetString(0));
            }
        }

        return dump.ToString();
    }
}

public sealed class EncryptionAtRestTestsOnSqlite(SqliteAppFixture app) : EncryptionAtRestTests(app), IClassFixture<SqliteAppFixture>;

public sealed class EncryptionAtRestTestsOnPostgres(PostgresAppFixture app) : EncryptionAtRestTests(app), IClassFixture<PostgresAppFixture>;
