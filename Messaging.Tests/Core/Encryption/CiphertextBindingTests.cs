using System.Net;
using System.Security.Cryptography;
using System.Text;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Encryption;

/// <summary>
/// A ciphertext opens only where it was written (ADR 0017): copied to another message or conversation it reads as
/// unreadable (never a 500, never the other message's text); rows written in the first format still read.
/// </summary>
public abstract class CiphertextBindingTests(AppFixture app)
{
    [Fact]
    public async Task CiphertextCopiedToAnotherMessage_ReadsAsUnreadable_NotAsTheOtherText()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);
        var secret = await api.SendMessageAsync(sara, id, "The vault code is 4711");
        var harmless = await api.SendMessageAsync(sara, id, "See you at lunch");

        // Someone with write access to the database moves the secret's ciphertext onto the harmless message.
        await using (var db = await CreateDbAsync())
        {
            var secretId = Guid.Parse(secret["id"]!.GetValue<string>());
            var harmlessId = Guid.Parse(harmless["id"]!.GetValue<string>());
            var content = await db.Messages.Where(m => m.Id == secretId).Select(m => m.Content).SingleAsync();
            await db.Messages.Where(m => m.Id == harmlessId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, content));
        }

        var history = (await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", omar))!.AsArray();
        Assert.Equal("The vault code is 4711", history.Single(m => m!["id"]!.GetValue<string>() == secret["id"]!.GetValue<string>())!["content"]!.GetValue<string>());
        var moved = history.Single(m => m!["id"]!.GetValue<string>() == harmless["id"]!.GetValue<string>())!["content"]!.GetValue<string>();
        Assert.Equal("This message can't be read.", moved);
    }

    [Fact]
    public async Task CiphertextAndKeyCopiedToAnotherConversation_ReadAsUnreadable_Not500()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var mallory = await api.CreateVerifiedUserAsync("Mallory");
        var theirs = await api.CreateDirectAsync(sara, omar, encrypted: true);
        var secret = await api.SendMessageAsync(sara, theirs, "Board meeting moved to Friday");
        var mine = await api.CreateDirectAsync(mallory, sara, encrypted: true);
        var decoy = await api.SendMessageAsync(mallory, mine, "hello");

        // Both the wrapped key and the ciphertext are copied into a conversation Mallory is in.
        await using (var db = await CreateDbAsync())
        {
            var theirsId = Guid.Parse(theirs);
            var mineId = Guid.Parse(mine);
            var key = await db.Conversations.Where(c => c.Id == theirsId).Select(c => c.WrappedDataKey).SingleAsync();
            var secretId = Guid.Parse(secret["id"]!.GetValue<string>());
            var content = await db.Messages.Where(m => m.Id == secretId).Select(m => m.Content).SingleAsync();
            var preview = await db.Conversations.Where(c => c.Id == theirsId).Select(c => c.LastMessagePreview).SingleAsync();
            await db.Conversations.Where(c => c.Id == mineId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WrappedDataKey, key).SetProperty(c => c.LastMessagePreview, preview));
            var decoyId = Guid.Parse(decoy["id"]!.GetValue<string>());
            await db.Messages.Where(m => m.Id == decoyId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, content));
        }

        var history = (await api.GetAsync($"/api/v1/messaging/conversations/{mine}/messages", mallory))!.AsArray();
        Assert.Equal("This message can't be read.", history.Single()!["content"]!.GetValue<string>());
        var list = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/messaging/conversations", mallory);
        Assert.DoesNotContain("Board meeting", list!.ToJsonString(), StringComparison.Ordinal);

        // Arabic callers get the Arabic notice.
        var arabic = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/messaging/conversations/{mine}/messages", mallory, language: "ar");
        Assert.Equal("تعذّرت قراءة هذه الرسالة.", arabic!.AsArray().Single()!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task RowsWrittenInTheFirstFormat_StillDecrypt()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);
        var sent = await api.SendMessageAsync(sara, id, "placeholder");

        // Rewrite the conversation as the first format left it: a key wrapped under the shared purpose, unprefixed,
        // and ciphertexts of version 1 without associated data.
        var key = RandomNumberGenerator.GetBytes(32);
        var protector = app.Host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Messaging.Encryption.ConversationDataKey.v1");
        var wrapped = Convert.ToBase64String(protector.Protect(key));
        await using (var db = await CreateDbAsync())
        {
            var conversationId = Guid.Parse(id);
            var messageId = Guid.Parse(sent["id"]!.GetValue<string>());
            await db.Conversations.Where(c => c.Id == conversationId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.WrappedDataKey, wrapped)
                .SetProperty(c => c.LastMessagePreview, FirstFormatEncrypt(key, "Old preview")));
            await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, FirstFormatEncrypt(key, "Written before the binding")));
        }

        var history = (await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", omar))!.AsArray();
        Assert.Equal("Written before the binding", history.Single()!["content"]!.GetValue<string>());
        var conversation = await api.GetAsync($"/api/v1/messaging/conversations/{id}", omar);
        Assert.Contains("Old preview", conversation!.ToJsonString(), StringComparison.Ordinal);

        // New messages in an old conversation are written in the bound format and read back.
        await api.SendMessageAsync(omar, id, "Written after");
        history = (await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", sara))!.AsArray();
        Assert.Contains(history, m => m!["content"]!.GetValue<string>() == "Written after");
    }

    /// <summary>Exactly what ConversationCipher.Encrypt wrote before ADR 0017: version 1 | nonce | tag | ciphertext, no associated data.</summary>
    private static string FirstFormatEncrypt(byte[] key, string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + 12 + 16 + plain.Length];
        output[0] = 1;
        RandomNumberGenerator.Fill(output.AsSpan(1, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(1, 12), plain, output.AsSpan(1 + 12 + 16), output.AsSpan(1 + 12, 16));
        return Convert.ToBase64String(output);
    }

    private Task<MessagingDbContext> CreateDbAsync() =>
        app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
}

public sealed class CiphertextBindingTestsOnSqlite(SqliteAppFixture app) : CiphertextBindingTests(app), IClassFixture<SqliteAppFixture>;

public sealed class CiphertextBindingTestsOnPostgres(PostgresAppFixture app) : CiphertextBindingTests(app), IClassFixture<PostgresAppFixture>;
