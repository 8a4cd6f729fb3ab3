using System.Net;
using Messaging.Core.Notifications;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Notifications;

/// <summary>A muted conversation sends no push for an ordinary message, until the mute's time is over; on both providers.</summary>
public abstract class MutedPushTests(NotificationFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private MessagingHost Host => fixture.Host;

    [Fact]
    public async Task Push_MutedForAnHour_NoPushForAMessage_PushesAgainOnceTheHourIsOver()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/mute", bob,
            new { until = DateTime.UtcNow.AddHours(1) });
        using var subscription = await PushSubscriber.SubscribeAsync(api, bob, fixture.Push, "muted");

        await api.SendMessageAsync(alice, conversation, "While muted");
        await SettledAsync();
        // The hour passes: the mute row is left as the API wrote it, only its end is now behind us.
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync())
        {
            var conversationId = Guid.Parse(conversation);
            Assert.Equal(1, await db.Participants.Where(p => p.ConversationId == conversationId && p.UserId == bob.Id && p.IsMuted)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.MutedUntil, DateTime.UtcNow.AddMinutes(-1))));
        }

        await api.SendMessageAsync(alice, conversation, "After the mute");

        // The first message's push, had it been planned, was queued a dispatch round before this one and sent first.
        var first = await subscription.WaitForPushAsync();
        var payload = subscription.Payload(first);
        Assert.Equal("After the mute", payload["body"]!.GetValue<string>());
        Assert.Single(fixture.Push.Requests, r => r.Id == subscription.Id);
    }

    /// <summary>Every outbox entry is planned and committed (the background dispatcher may be the one that took it).</summary>
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

}

public sealed class MutedPushTestsOnSqlite(SqliteNotificationFixture fixture) : MutedPushTests(fixture), IClassFixture<SqliteNotificationFixture>;

public sealed class MutedPushTestsOnPostgres(PostgresNotificationFixture fixture) : MutedPushTests(fixture), IClassFixture<PostgresNotificationFixture>;
