using Messaging.Core.Attachments;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Attachments;

/// <summary>Every rule of API.md "Attachments", on both databases, with the file-system store.</summary>
public abstract partial class AttachmentApiTests(AttachmentAppFixture app)
{
    private static string Messages(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/messages";

    private async Task<(TestUser Sara, TestUser Omar, string Id)> PairAsync(ApiClient api, bool encrypted = false)
    {
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        return (sara, omar, await api.CreateDirectAsync(sara, omar, encrypted));
    }

    private MessagingDbContext CreateDb() =>
        app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContext();

    private async Task<Attachment> ReadRowAsync(Guid id)
    {
        await using var db = CreateDb();
        return await db.Attachments.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private string StoredPath(string key)
    {
        key = key.Replace("-", "", StringComparison.Ordinal);
        return Path.Combine(app.DataDirectory, "attachments", key[..2], key);
    }

    private byte[] StoredBytes(System.Text.Json.Nodes.JsonNode attachment) => File.ReadAllBytes(StoredPath(attachment["id"]!.GetValue<string>()));
}

public sealed class AttachmentApiTestsOnSqlite(SqliteAttachmentFixture app) : AttachmentApiTests(app), IClassFixture<SqliteAttachmentFixture>;

public sealed class AttachmentApiTestsOnPostgres(PostgresAttachmentFixture app) : AttachmentApiTests(app), IClassFixture<PostgresAttachmentFixture>;
