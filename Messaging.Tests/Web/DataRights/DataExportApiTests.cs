using System.IO.Compression;
using System.Net;
using System.Text;
using Messaging.Core.Attachments;
using Messaging.Core.DataRights;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.DataRights;

/// <summary>"Download my data" through the HTTP API, on both providers: what the ZIP holds, who may fetch it, one at a time, expiry.</summary>
public abstract class DataExportApiTests(AppFixture app)
{
    private const string Exports = "/api/v1/users/me/data_exports";

    [Fact]
    public async Task Export_HoldsMyReadableMessagesInPlaintext_MyFiles_AndNothingOfOthers_DownloadableByMeOnly()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var karim = await api.CreateVerifiedUserAsync("Karim");
        var secret = await api.CreateDirectAsync(sara, omar, encrypted: true);
        await api.SendMessageAsync(omar, secret, "the vault code is 4471");
        await api.SendMessageAsync(sara, secret, "noted, see you at the vault");
        var notes = Encoding.UTF8.GetBytes("sara's private notes, line one\n");
        var file = await api.UploadOkAsync(sara, secret, notes, "notes.txt");
        await api.SendMessageAsync(sara, secret, "", new { attachments = new[] { file["id"]!.GetValue<string>() } });
        var elsewhere = await api.CreateDirectAsync(omar, karim);
        await api.SendMessageAsync(karim, elsewhere, "surprise party for sara on friday");

        // At rest the encrypted conversation holds ciphertext only: the export has to open it for Sara.
        await using (var db = CreateDb())
        {
            Assert.False(await db.Messages.AnyAsync(m => m.Content.Contains("vault")));
        }

        var requested = await api.ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Post, Exports, sara);
        var exportId = requested!["id"]!.GetValue<string>();
        Assert.Equal("pending", requested["status"]!.GetValue<string>());
        await Eventually.UntilAsync("the export to be ready", async () => (await api.GetAsync(Exports, sara))!.AsArray().Any(e => e!["id"]!.GetValue<string>() == exportId && e["status"]!.GetValue<string>() == "ready"), TimeSpan.FromSeconds(45), TimeSpan.FromMilliseconds(200));

        using var response = await api.SendAsync(HttpMethod.Get, $"{Exports}/{exportId}", sara);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var zipStream = await response.Content.ReadAsStreamAsync();
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        var entries = zip.Entries.ToDictionary(e => e.FullName, Read);

        Assert.Contains(sara.Email, entries["profile.json"], StringComparison.Ordinal);
        var conversation = entries[$"conversations/{Guid.Parse(secret):N}.json"];
        Assert.Contains("the vault code is 4471", conversation, StringComparison.Ordinal);
        Assert.Contains("noted, see you at the vault", conversation, StringComparison.Ordinal);
        Assert.DoesNotContain(entries.Keys, k => k.Contains($"{Guid.Parse(elsewhere):N}", StringComparison.Ordinal));
        Assert.All(entries.Values, text => Assert.DoesNotContain("surprise party", text, StringComparison.Ordinal));
        var stored = Assert.Single(entries, e => e.Key.StartsWith("files/", StringComparison.Ordinal));
        Assert.EndsWith("notes.txt", stored.Key, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(notes), stored.Value);

        // Only its owner may fetch it; for anyone else it does not exist.
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Exports}/{exportId}", omar);
        Assert.Empty((await api.GetAsync(Exports, omar))!.AsArray());
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, $"{Exports}/{exportId}");

        // Sara hears about it in-app.
        var notifications = (await api.GetAsync("/api/v1/notifications", sara))!.AsArray();
        Assert.Contains(notifications, n => n!["type"]!.GetValue<string>() == "data_export_ready");
    }

    [Fact]
    public async Task Export_WhileOneIsBeingPrepared_RefusedWithLocalizedConflict()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        await using (var db = CreateDb())
        {
            // A build still under way (inserted directly, so the job cannot finish it first).
            db.Add(new DataExport
            {
                Id = Guid.CreateVersion7(),
                UserId = sara.Id,
                Status = DataExportStatus.Pending,
                RequestedAt = DateTime.UtcNow,
                ExpiresAt = DateTime.UtcNow.AddDays(7),
            });
            await db.SaveChangesAsync();
        }

        var arabic = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, Exports, sara, language: "ar");
        Assert.Equal("export_in_progress", arabic!["code"]!.GetValue<string>());
        Assert.Contains("بياناتك", arabic["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var english = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, Exports, sara, language: "en");
        Assert.Contains("already being gathered", english!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single((await api.GetAsync(Exports, sara))!.AsArray());
    }

    [Fact]
    public async Task Cleanup_RemovesExpiredExportsAndTheirZips_KeepsTheOthers()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var store = app.Host.Services.GetRequiredService<IAttachmentStore>();
        var now = DateTime.UtcNow;
        var expired = await ReadyExportAsync(store, sara.Id, now.AddDays(-8), now.AddDays(-1));
        var current = await ReadyExportAsync(store, sara.Id, now.AddDays(-1), now.AddDays(6));
        // The list already leaves out what has expired, before the clean-up deletes it.
        Assert.Single((await api.GetAsync(Exports, sara))!.AsArray());

        await app.Host.Services.GetRequiredService<DataExportCleanup>().RemoveExpiredAsync(now);

        await using var db = CreateDb();
        Assert.False(await db.Set<DataExport>().AnyAsync(e => e.Id == expired));
        Assert.True(await db.Set<DataExport>().AnyAsync(e => e.Id == current));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(DataExport.KeyOf(expired), 0, CancellationToken.None));
        await using var kept = await store.OpenReadAsync(DataExport.KeyOf(current), 0, CancellationToken.None);
        using var download = await api.SendAsync(HttpMethod.Get, $"{Exports}/{current}", sara);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Exports}/{expired}", sara);
    }

    private async Task<Guid> ReadyExportAsync(IAttachmentStore store, Guid userId, DateTime requestedAt, DateTime expiresAt)
    {
        var id = Guid.CreateVersion7();
        using (var bytes = new MemoryStream(Encoding.UTF8.GetBytes("PK-not-really")))
        {
            await store.PutAsync(DataExport.KeyOf(id), bytes, CancellationToken.None);
        }

        await using var db = CreateDb();
        db.Add(new DataExport
        {
            Id = id,
            UserId = userId,
            Status = DataExportStatus.Ready,
            RequestedAt = requestedAt,
            CompletedAt = requestedAt,
            ExpiresAt = expiresAt,
            StorageKey = DataExport.KeyOf(id),
            Size = 13,
        });
        await db.SaveChangesAsync();
        return id;
    }

    private MessagingDbContext CreateDb() =>
        app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContext();

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed class DataExportApiTestsOnSqlite(SqliteAppFixture app) : DataExportApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class DataExportApiTestsOnPostgres(PostgresAppFixture app) : DataExportApiTests(app), IClassFixture<PostgresAppFixture>;
