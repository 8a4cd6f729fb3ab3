using System.Net;
using Messaging.Core.Persistence;
using Messaging.Core.Search;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using static Messaging.Tests.Web.Search.SearchRequests;

namespace Messaging.Tests.Web.Search;

/// <summary>Search in encrypted conversations through the blind index (ADR 0028), on both databases.</summary>
public abstract class EncryptedSearchTests(AppFixture app)
{
    [Fact]
    public async Task Encrypted_RecallSet_EveryQueryFindsItsMessage_AndMissesAreMissed()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);
        var failures = await RecallFailuresAsync(api, sara, omar, id);

        Assert.True(SearchRecallSet.Pairs.Count >= 50);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Encrypted_ResultIsDecryptedForTheCaller_WithHighlights_AndTheDatabaseHoldsNoWords()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);
        const string text = "The lighthouse keepers meet at المكتبة tonight";
        var sent = await api.SendMessageAsync(sara, id, text);
        var messageId = Guid.Parse(sent["id"]!.GetValue<string>());

        // A typed prefix longer than the indexed beginnings, an Arabic spelling variant, and a one-letter last word.
        foreach (var query in new[] { "lightho", "مكتبه", "keepers t" })
        {
            var hit = Assert.Single(await FindAsync(api, omar, query));
            Assert.Equal(text, hit!["content"]!.GetValue<string>());
            Assert.Equal(sent["id"]!.GetValue<string>(), hit["message_id"]!.GetValue<string>());
            Assert.NotEmpty(hit["highlights"]!.AsArray());
        }

        var marked = Assert.Single(await FindAsync(api, omar, "lighthouse"))!;
        Assert.Contains("<mark>lighthouse</mark>", marked["highlight"]!.GetValue<string>(), StringComparison.Ordinal);
        var span = Assert.Single(marked["highlights"]!.AsArray())!;
        Assert.Equal("lighthouse", text.Substring(span["start"]!.GetValue<int>(), span["length"]!.GetValue<int>()));
        Assert.Empty(await FindAsync(api, omar, "harbour"));
        // Whole words: "keep" is not the word "keepers" unless typed last (a prefix).
        Assert.Empty(await FindAsync(api, omar, "keep lighthouse"));

        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var stored = await db.Messages.SingleAsync(m => m.Id == messageId);
        Assert.Null(stored.SearchText);
        Assert.DoesNotContain("lighthouse", stored.Content, StringComparison.OrdinalIgnoreCase);
        var tokens = await db.BlindTokens.Where(t => t.MessageId == messageId).Select(t => t.Hash).ToListAsync();
        Assert.NotEmpty(tokens);
        Assert.All(tokens, h => Assert.Equal(BlindIndex.HashTextLength, h.Length));
        Assert.DoesNotContain(tokens, h => h.Contains("light", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Encrypted_OnlyTheCallersConversations_RemovedMembersLoseResults()
    {
        using var api = app.Host.CreateApi();
        var owner = await api.CreateVerifiedUserAsync("Owner");
        var member = await api.CreateVerifiedUserAsync("Member");
        var other = await api.CreateVerifiedUserAsync("Other");
        var created = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/messaging/conversations", owner,
            new { conversation_type = "group", participant_ids = new[] { member.Id, other.Id }, title = "Vault", is_encrypted = true });
        var group = created!["id"]!.GetValue<string>();
        var word = "zanzibar" + Guid.NewGuid().ToString("N")[..6];
        await api.SendMessageAsync(owner, group, $"trip to {word} next month");
        var stranger = await api.CreateVerifiedUserAsync("Stranger");

        Assert.Single(await FindAsync(api, member, word));
        Assert.Empty(await FindAsync(api, stranger, word));
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, SearchUrl + word + "&conversation_id=" + group, stranger);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{group}/participants/{member.Id}", owner);
        Assert.Empty(await FindAsync(api, member, word));
        Assert.Single(await FindAsync(api, other, word));
    }

    [Fact]
    public async Task Encrypted_EditAndDelete_UpdateTheBlindIndex_AndPlainAndEncryptedResultsMerge()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var secret = await api.CreateDirectAsync(sara, omar, encrypted: true);
        var group = await api.CreateGroupAsync(sara, "Open", omar);
        var word = "harbour" + Guid.NewGuid().ToString("N")[..6];
        var sent = await api.SendMessageAsync(sara, secret, $"lunch at the {word}");
        await api.SendMessageAsync(omar, group, $"the {word} is closed");
        var path = $"/api/v1/messaging/conversations/{secret}/messages/{sent["id"]!.GetValue<string>()}";

        var both = await FindAsync(api, omar, word);
        Assert.Equal(2, both.Count);
        Assert.Equal(new[] { group, secret }.Order(StringComparer.Ordinal), both.Select(r => r!["conversation_id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var scores = both.Select(r => r!["relevance_score"]!.GetValue<double>()).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Single(await FindAsync(api, omar, word, "&limit=1&offset=1"));

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, sara, new { content = "dinner at the station" });
        Assert.Empty(await FindAsync(api, omar, word, $"&conversation_id={secret}"));
        Assert.Single(await FindAsync(api, omar, "station", $"&conversation_id={secret}"));

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, path, sara);
        Assert.Empty(await FindAsync(api, omar, "station", $"&conversation_id={secret}"));
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var messageId = Guid.Parse(sent["id"]!.GetValue<string>());
        Assert.Equal(0, await db.BlindTokens.CountAsync(t => t.MessageId == messageId));
    }
}

public sealed class EncryptedSearchTestsOnSqlite(SqliteAppFixture app) : EncryptedSearchTests(app), IClassFixture<SqliteAppFixture>;

public sealed class EncryptedSearchTestsOnPostgres(PostgresAppFixture app) : EncryptedSearchTests(app), IClassFixture<PostgresAppFixture>;
