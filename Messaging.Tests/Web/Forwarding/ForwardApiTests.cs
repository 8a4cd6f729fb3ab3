using System.Net;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Forwarding;

/// <summary>Forwarding through the HTTP API, on both providers: who may forward what, and what the copy reveals.</summary>
public abstract class ForwardApiTests(AppFixture app)
{
    private static string Messages(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/messages";

    private static Dictionary<string, object?> Forward(string messageId) => new() { ["content"] = null, ["forward_of_message_id"] = messageId };

    [Fact]
    public async Task Forward_ToAnotherConversation_CopiesTheText_WithOnlyTheOriginsIdsAndSenderName()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Fwd");
        var omar = await api.CreateVerifiedUserAsync("Omar Fwd");
        var lina = await api.CreateVerifiedUserAsync("Lina Fwd");
        var source = await api.CreateDirectAsync(omar, sara);
        var target = await api.CreateDirectAsync(sara, lina);
        var original = (await api.SendMessageAsync(omar, source, "The server moves on Friday"))["id"]!.GetValue<string>();

        var copy = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Messages(target), sara, Forward(original));

        Assert.Equal("The server moves on Friday", copy!["content"]!.GetValue<string>());
        Assert.Equal(sara.Id, Guid.Parse(copy["sender_id"]!.GetValue<string>()));
        var seen = (await api.GetAsync(Messages(target), lina))!.AsArray().Single()!;
        var from = seen["forwarded_from"]!.AsObject();
        Assert.Equal(["conversation_id", "message_id", "sender_name"], from.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(source, from["conversation_id"]!.GetValue<string>());
        Assert.Equal(original, from["message_id"]!.GetValue<string>());
        Assert.Equal("Omar Fwd", from["sender_name"]!.GetValue<string>());
        Assert.Null((await api.GetAsync(Messages(source), omar))!.AsArray().Single()!["forwarded_from"]);

        // Lina cannot open the source conversation through what she was given.
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, Messages(source), lina);
    }

    [Fact]
    public async Task Forward_FromAnEncryptedConversation_Is403WithItsCode_AndNothingIsSent()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Sealed");
        var omar = await api.CreateVerifiedUserAsync("Omar Sealed");
        var lina = await api.CreateVerifiedUserAsync("Lina Sealed");
        var sealedId = await api.CreateDirectAsync(omar, sara, encrypted: true);
        var target = await api.CreateDirectAsync(sara, lina);
        var secret = (await api.SendMessageAsync(omar, sealedId, "salary table attached"))["id"]!.GetValue<string>();

        var problem = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Messages(target), sara, Forward(secret), language: "ar");

        Assert.Equal("forward_from_encrypted", problem!["code"]!.GetValue<string>());
        Assert.Contains("مشفّرة", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await api.GetAsync(Messages(target), lina))!.AsArray());
    }

    [Fact]
    public async Task Forward_IntoAnEncryptedConversation_StoresTheCopyEncrypted()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Into");
        var omar = await api.CreateVerifiedUserAsync("Omar Into");
        var lina = await api.CreateVerifiedUserAsync("Lina Into");
        var source = await api.CreateDirectAsync(omar, sara);
        var sealedTarget = await api.CreateDirectAsync(sara, lina, encrypted: true);
        var original = (await api.SendMessageAsync(omar, source, "door code 4471"))["id"]!.GetValue<string>();

        var copy = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Messages(sealedTarget), sara, Forward(original));

        Assert.Equal("door code 4471", (await api.GetAsync(Messages(sealedTarget), lina))!.AsArray().Single()!["content"]!.GetValue<string>());
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var stored = await db.Messages.Where(m => m.Id == Guid.Parse(copy!["id"]!.GetValue<string>())).Select(m => new { m.Content, m.SearchText }).SingleAsync();
        Assert.DoesNotContain("4471", stored.Content, StringComparison.Ordinal);
        Assert.Null(stored.SearchText);
    }

    [Fact]
    public async Task Forward_OfAMessageTheCallerCannotRead_IsNotFound_WhateverTheId()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Guess");
        var omar = await api.CreateVerifiedUserAsync("Omar Guess");
        var karim = await api.CreateVerifiedUserAsync("Karim Guess");
        var theirs = await api.CreateDirectAsync(sara, omar);
        var lina = await api.CreateVerifiedUserAsync("Lina Guess");
        var sealedTheirs = await api.CreateDirectAsync(sara, lina, encrypted: true);
        var mine = await api.CreateDirectAsync(karim, sara);
        var plain = (await api.SendMessageAsync(omar, theirs, "private plan"))["id"]!.GetValue<string>();
        var sealedMessage = (await api.SendMessageAsync(lina, sealedTheirs, "sealed plan"))["id"]!.GetValue<string>();

        // An existing message elsewhere, an encrypted one elsewhere and an id that never existed all answer the same.
        var answers = new List<string>();
        foreach (var guess in new[] { plain, sealedMessage, Guid.NewGuid().ToString() })
        {
            var problem = await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, Messages(mine), karim, Forward(guess));
            Assert.Null(problem!["errors"]);
            answers.Add($"{problem["code"]}|{problem["title"]}|{problem["detail"]}");
        }

        Assert.Single(answers.Distinct(StringComparer.Ordinal));
        Assert.Empty((await api.GetAsync(Messages(mine), sara))!.AsArray());
    }
}

public sealed class ForwardApiTestsOnSqlite(SqliteAppFixture app) : ForwardApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class ForwardApiTestsOnPostgres(PostgresAppFixture app) : ForwardApiTests(app), IClassFixture<PostgresAppFixture>;
