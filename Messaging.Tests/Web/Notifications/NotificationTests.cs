using System.Net;
using Messaging.Core.Notifications;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Notifications;

/// <summary>The three channels end to end: in-app (API and hub), Web Push to a real HTTP push service, email digests through a real SMTP server.</summary>
public abstract partial class NotificationTests(NotificationFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private MessagingHost Host => fixture.Host;

    [Fact]
    public async Task Reply_ToMyMessage_NotifiesLiveListsCountsAndMarksRead()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        var original = await api.SendMessageAsync(bob, conversation, "Can you review the draft?");
        await using var hub = await HubClient.ConnectAsync(Host, bob);

        await api.SendMessageAsync(alice, conversation, "Yes, this afternoon", new { reply_to_message_id = original["id"]!.GetValue<string>() });

        var live = await hub.WaitForAsync("notification");
        Assert.Equal("reply", live.GetProperty("notification").Str("type"));
        var list = (await api.GetAsync("/api/v1/notifications?limit=50", bob))!.AsArray();
        var item = Assert.Single(list)!;
        Assert.Equal("reply", item["type"]!.GetValue<string>());
        Assert.Equal(conversation, item["conversation_id"]!.GetValue<string>());
        Assert.Equal("Alice", item["actor_name"]!.GetValue<string>());
        Assert.Equal("Yes, this afternoon", item["preview"]!.GetValue<string>());
        Assert.Null(item["read_at"]);
        Assert.Equal(1, (await api.GetAsync("/api/v1/notifications/unread_count", bob))!["count"]!.GetValue<int>());
        Assert.Empty((await api.GetAsync("/api/v1/notifications", alice))!.AsArray());

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/notifications/read", bob, new { });

        Assert.Equal(0, (await api.GetAsync("/api/v1/notifications/unread_count", bob))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateGroup_Members_GetAddedToConversationPagedNewestFirst()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        await api.CreateGroupAsync(alice, "Launch", bob);
        await api.CreateGroupAsync(alice, "Budget", bob);
        await DispatchAsync();

        var all = (await api.GetAsync("/api/v1/notifications", bob))!.AsArray();
        var page = (await api.GetAsync($"/api/v1/notifications?limit=1&before={all[0]!["id"]}", bob))!.AsArray();

        Assert.Equal(2, all.Count);
        Assert.All(all, n => Assert.Equal("added_to_conversation", n!["type"]!.GetValue<string>()));
        Assert.Equal(all[1]!["id"]!.GetValue<string>(), Assert.Single(page)!["id"]!.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/notifications/read", bob, new { up_to_id = all[1]!["id"]!.GetValue<string>() });
        Assert.Equal(1, (await api.GetAsync("/api/v1/notifications/unread_count", bob))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reply_FromSomeoneIBlocked_NoNotification()
    {
        using var api = Host.CreateApi();
        var (alice, bob, carol) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"), await api.CreateVerifiedUserAsync("Carol"));
        var group = await api.CreateGroupAsync(carol, "Team", alice, bob);
        var original = await api.SendMessageAsync(bob, group, "Status?");
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/users/{alice.Id}/block", bob);
        await DispatchAsync();
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/notifications/read", bob, new { });

        await api.SendMessageAsync(alice, group, "Done", new { reply_to_message_id = original["id"]!.GetValue<string>() });
        await DispatchAsync();

        Assert.Equal(0, (await api.GetAsync("/api/v1/notifications/unread_count", bob))!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Dispatch_Twice_CreatesNothingTwice()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        await api.CreateGroupAsync(alice, "Once", bob);
        var dispatcher = Host.Services.GetRequiredService<NotificationDispatcher>();

        await Task.WhenAll(dispatcher.ProcessPendingAsync(), dispatcher.ProcessPendingAsync(), dispatcher.ProcessPendingAsync());
        await dispatcher.ProcessPendingAsync();

        Assert.Single((await api.GetAsync("/api/v1/notifications", bob))!.AsArray());
    }

    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;

    /// <summary>Everything sent so far is planned and committed once this returns (see NotificationDispatcher).</summary>
    private Task DispatchAsync() => Host.Services.GetRequiredService<NotificationDispatcher>().ProcessPendingAsync();

    private async Task<bool> HasSubscriptionAsync(TestUser user)
    {
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        return await db.Set<PushSubscription>().AnyAsync(s => s.UserId == user.Id);
    }

    private async Task<Guid> SubscriptionIdAsync(TestUser user)
    {
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        return await db.Set<PushSubscription>().Where(s => s.UserId == user.Id).Select(s => s.Id).SingleAsync();
    }

}

public sealed class NotificationTestsOnSqlite(SqliteNotificationFixture fixture) : NotificationTests(fixture), IClassFixture<SqliteNotificationFixture>;

public sealed class NotificationTestsOnPostgres(PostgresNotificationFixture fixture) : NotificationTests(fixture), IClassFixture<PostgresNotificationFixture>;
