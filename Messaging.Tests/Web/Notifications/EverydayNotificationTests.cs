using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Messaging.Core.Notifications;
using Messaging.Core.Notifications.Push;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Notifications;

/// <summary>Mention and reaction notifications: who hears about them, in-app and by push, on both providers.</summary>
public abstract class EverydayNotificationTests(NotificationFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private MessagingHost Host => fixture.Host;

    [Fact]
    public async Task Mention_InMutedGroup_NotifiesTheMentionedOnlyInAppAndByPush()
    {
        using var api = Host.CreateApi();
        var (alice, bob, carol) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"), await api.CreateVerifiedUserAsync("Carol"));
        var group = await api.CreateGroupAsync(alice, "Launch", bob, carol);
        foreach (var member in new[] { bob, carol })
        {
            await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{group}/mute", member, new { });
        }

        await SettledAsync(); // "Added to Launch" is planned before the subscription exists: the only push is the mention's.
        using var browser = await SubscribeAsync(api, bob);

        var sent = await api.SendMessageAsync(alice, group, "@Bob can you check the build?", new { mentions = new[] { bob.Id } });
        await SettledAsync();

        var mention = Assert.Single(await ListAsync(api, bob, "mention"));
        Assert.Equal(sent["id"]!.GetValue<string>(), mention["message_id"]!.GetValue<string>());
        Assert.Equal("Alice", mention["actor_name"]!.GetValue<string>());
        Assert.Equal("@Bob can you check the build?", mention["preview"]!.GetValue<string>());
        Assert.Empty(await ListAsync(api, carol, "mention"));
        Assert.Empty(await ListAsync(api, alice, "mention"));

        var push = JsonNode.Parse(Encoding.UTF8.GetString(WebPushEncryption.Decrypt((await WaitForPushAsync(browser.Id)).Body, browser.Key, browser.Auth)))!;
        Assert.Equal("mention", push["type"]!.GetValue<string>());
        Assert.Equal("Alice mentioned you", push["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mention_InEncryptedConversation_PushCarriesNoContent_InTheRecipientsLanguage()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", bob, new { language = "ar" });
        var conversation = await api.CreateDirectAsync(alice, bob, encrypted: true);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/mute", bob, new { });
        using var browser = await SubscribeAsync(api, bob);

        await api.SendMessageAsync(alice, conversation, "@Bob the vault code is 7731", new { mentions = new[] { bob.Id } });

        var text = Encoding.UTF8.GetString(WebPushEncryption.Decrypt((await WaitForPushAsync(browser.Id)).Body, browser.Key, browser.Auth));
        Assert.DoesNotContain("7731", text, StringComparison.Ordinal);
        Assert.Equal("أشار إليك Alice", JsonNode.Parse(text)!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reaction_ByOthers_NotifiesTheAuthorOnce_NeverForOwnReactionsOrRemovals()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        var message = (await api.SendMessageAsync(bob, conversation, "Shipped the release"))["id"]!.GetValue<string>();
        var react = $"/api/v1/messaging/conversations/{conversation}/messages/{message}/reactions/";

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, react + Uri.EscapeDataString("👍"), bob);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, react + Uri.EscapeDataString("🎉"), alice);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, react + Uri.EscapeDataString("🎉"), alice);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, react + Uri.EscapeDataString("🎉"), alice);
        await SettledAsync();

        var reaction = Assert.Single(await ListAsync(api, bob, "reaction"));
        Assert.Equal(message, reaction["message_id"]!.GetValue<string>());
        Assert.Equal(alice.Id.ToString(), reaction["actor_id"]!.GetValue<string>());
        Assert.Equal("Shipped the release", reaction["preview"]!.GetValue<string>());
        Assert.Empty(await ListAsync(api, alice, "reaction"));
    }

    [Fact]
    public async Task Reaction_FromSomeoneTheAuthorBlocked_NoNotification()
    {
        using var api = Host.CreateApi();
        var (alice, bob, carol) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"), await api.CreateVerifiedUserAsync("Carol"));
        var group = await api.CreateGroupAsync(carol, "Team", alice, bob);
        var message = (await api.SendMessageAsync(bob, group, "Status?"))["id"]!.GetValue<string>();
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/users/{alice.Id}/block", bob);
        var react = $"/api/v1/messaging/conversations/{group}/messages/{message}/reactions/";

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, react + Uri.EscapeDataString("😮"), alice);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, react + Uri.EscapeDataString("✅"), carol);
        await SettledAsync();

        var only = Assert.Single(await ListAsync(api, bob, "reaction"));
        Assert.Equal(carol.Id.ToString(), only["actor_id"]!.GetValue<string>());
    }

    private static async Task<IReadOnlyList<JsonNode>> ListAsync(ApiClient api, TestUser user, string type) =>
        (await api.GetAsync("/api/v1/notifications?limit=100", user))!.AsArray().Where(n => n!["type"]!.GetValue<string>() == type).Select(n => n!).ToArray();

    /// <summary>
    /// Waits until every outbox entry is processed: an entry is marked in the same transaction as the notifications it
    /// makes, so what is absent then was never planned (the background dispatcher may be the one that took it).
    /// </summary>
    private async Task SettledAsync()
    {
        await Host.Services.GetRequiredService<NotificationDispatcher>().ProcessPendingAsync();
        var factory = Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
        await Eventually.UntilAsync("the notification outbox to be processed", async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            return !await db.Set<NotificationOutboxEntry>().AnyAsync(e => e.ProcessedAt == null);
        }, Patience);
    }

    private async Task<Browser> SubscribeAsync(ApiClient api, TestUser user)
    {
#pragma warning disable CA2000 // The simulated browser keeps its key for the whole test, as a real one does.
        var browser = new Browser($"mention-{Guid.NewGuid():N}", ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16));
#pragma warning restore CA2000
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/notifications/push/subscriptions", user, new
        {
            endpoint = new Uri(fixture.Push.BaseAddress, $"/push/{browser.Id}").ToString(),
            keys = new { p256dh = WebEncoders.Base64UrlEncode(WebPushEncryption.PublicKeyBytes(browser.Key)), auth = WebEncoders.Base64UrlEncode(browser.Auth) },
        });
        return browser;
    }

    private async Task<PushRequest> WaitForPushAsync(string id) =>
        (await Eventually.ValueAsync(
            $"a push to {id}", () => Task.FromResult(fixture.Push.Requests.FirstOrDefault(r => r.Id == id)), found => found is not null, Patience))!;

    private sealed record Browser(string Id, ECDiffieHellman Key, byte[] Auth) : IDisposable
    {
        public void Dispose() => Key.Dispose();
    }
}

public sealed class EverydayNotificationTestsOnSqlite(SqliteNotificationFixture fixture) : EverydayNotificationTests(fixture), IClassFixture<SqliteNotificationFixture>;

public sealed class EverydayNotificationTestsOnPostgres(PostgresNotificationFixture fixture) : EverydayNotificationTests(fixture), IClassFixture<PostgresNotificationFixture>;
