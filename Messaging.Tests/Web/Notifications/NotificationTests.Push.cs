using System.Net;
using Messaging.Core.Notifications.Push;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Notifications;

/// <summary>Web Push to a real HTTP push service: who gets one, what it carries, and what a failing push service does to it.</summary>
public partial class NotificationTests
{
    [Fact]
    public async Task Message_RecipientOffline_PushIsEncryptedToTheSubscription()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var browser = await PushSubscriber.SubscribeAsync(api, bob, fixture.Push, "live");

        await api.SendMessageAsync(alice, conversation, "Lunch at noon?");

        var request = await browser.WaitForPushAsync();
        Assert.Equal("aes128gcm", request.ContentEncoding);
        Assert.StartsWith("vapid t=", request.Authorization, StringComparison.Ordinal);
        Assert.Contains(", k=" + (await api.GetAsync("/api/v1/notifications/push/public_key", bob))!["public_key"]!.GetValue<string>(), request.Authorization, StringComparison.Ordinal);
        var payload = browser.Payload(request);
        Assert.Equal("new_message", payload["type"]!.GetValue<string>());
        Assert.Equal(conversation, payload["conversation_id"]!.GetValue<string>());
        Assert.Contains("Alice", payload["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Lunch at noon?", payload["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task Message_EncryptedConversation_PushCarriesNoContent()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob, encrypted: true);
        using var browser = await PushSubscriber.SubscribeAsync(api, bob, fixture.Push, "live");

        await api.SendMessageAsync(alice, conversation, "The merger closes Friday");

        var request = await browser.WaitForPushAsync();
        var text = browser.Decrypt(request);
        Assert.DoesNotContain("merger", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("encrypted", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Message_RecipientConnectedOrPushOff_NoPush()
    {
        using var api = Host.CreateApi();
        var (alice, bob, carol) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"), await api.CreateVerifiedUserAsync("Carol"));
        var withBob = await api.CreateDirectAsync(alice, bob);
        var withCarol = await api.CreateDirectAsync(alice, carol);
        using var bobBrowser = await PushSubscriber.SubscribeAsync(api, bob, fixture.Push, "live");
        using var carolBrowser = await PushSubscriber.SubscribeAsync(api, carol, fixture.Push, "live");
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", carol, new { push_notifications = false });
        await using var hub = await HubClient.ConnectAsync(Host, bob);

        var sent = await api.SendMessageAsync(alice, withBob, "You are online");
        await api.SendMessageAsync(alice, withCarol, "Your push is off");
        await hub.WaitForMessageAsync(sent["id"]!.GetValue<string>());
        await DispatchAsync();

        // A control push proves the queue is flowing: had the others been queued, they would have been sent before it.
        await hub.DisposeAsync();
        var dave = await api.CreateVerifiedUserAsync("Dave");
        using var daveBrowser = await PushSubscriber.SubscribeAsync(api, dave, fixture.Push, "live");
        await api.SendMessageAsync(alice, await api.CreateDirectAsync(alice, dave), "Control");
        await daveBrowser.WaitForPushAsync();
        Assert.DoesNotContain(fixture.Push.Requests, r => r.Id == bobBrowser.Id || r.Id == carolBrowser.Id);
    }

    [Theory]
    [InlineData("gone")]
    [InlineData("missing")]
    public async Task Push_GoneOrNotFound_SubscriptionIsDeleted(string kind)
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var browser = await PushSubscriber.SubscribeAsync(api, bob, fixture.Push, kind);
        Assert.True(await HasSubscriptionAsync(bob));

        await api.SendMessageAsync(alice, conversation, "Anyone there?");

        await browser.WaitForPushAsync();
        await Eventually.UntilAsync("the subscription is deleted", async () => !await HasSubscriptionAsync(bob), Patience);
    }

    [Fact]
    public async Task Push_TooManyRequests_RetriedNoSoonerThanRetryAfter()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var browser = await PushSubscriber.SubscribeAsync(api, bob, fixture.Push, "busy");

        await api.SendMessageAsync(alice, conversation, "Busy service");

        var attempts = await browser.WaitForPushesAsync(2);
        // The back-off alone (1 s, plus at most one 2 s scheduler poll) would retry sooner; the service asked for 4.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(PushServiceStub.BusyRetryAfterSeconds),
            $"Retried after {attempts[1].At - attempts[0].At}, before the Retry-After.");
        var payload = browser.Payload(attempts[1]);
        Assert.Equal("Busy service", payload["body"]!.GetValue<string>());
        Assert.True(await HasSubscriptionAsync(bob));
    }

    [Fact]
    public async Task Push_ServerErrors_RetriedWithGrowingBackoffUntilDelivered()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var browser = await PushSubscriber.SubscribeAsync(api, bob, fixture.Push, "flaky");

        await api.SendMessageAsync(alice, conversation, "Flaky service");

        // 503, 503, then 201: waits of at least RetryDelay (1 s in the fixture), then twice that.
        var attempts = await browser.WaitForPushesAsync(3);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(1), $"First retry after {attempts[1].At - attempts[0].At}.");
        Assert.True(attempts[2].At - attempts[1].At >= TimeSpan.FromSeconds(2), $"Second retry after {attempts[2].At - attempts[1].At}.");
        Assert.True(await HasSubscriptionAsync(bob));
    }

    [Fact]
    public async Task Push_ServiceKeepsFailing_DroppedAfterMaxAttempts()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var browser = await PushSubscriber.SubscribeAsync(api, bob, fixture.Push, "down");
        var subscriptionId = await SubscriptionIdAsync(bob);

        await api.SendMessageAsync(alice, conversation, "Nobody home");

        // MaxAttempts is 3 in the fixture: the third refusal ends the job (deleted, not scheduled again).
        await browser.WaitForPushesAsync(3);
        var monitoring = Host.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        await Eventually.UntilAsync("the push job is given up", () =>
            monitoring.DeletedJobs(0, 1000).Any(j => j.Value.Job?.Args is [Guid id, ..] && id == subscriptionId), Patience);
        Assert.Equal(3, fixture.Push.Requests.Count(r => r.Id == browser.Id));
        Assert.True(await HasSubscriptionAsync(bob));
    }

    [Fact]
    public void PushRetry_Delay_DoublesAndHonoursALongerRetryAfter()
    {
        var thirty = TimeSpan.FromSeconds(30);

        Assert.Equal(thirty, PushRetryAttribute.Delay(1, thirty, null));
        Assert.Equal(TimeSpan.FromSeconds(120), PushRetryAttribute.Delay(3, thirty, null));
        Assert.Equal(TimeSpan.FromMinutes(5), PushRetryAttribute.Delay(1, thirty, TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(60), PushRetryAttribute.Delay(2, thirty, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromDays(1), PushRetryAttribute.Delay(40, thirty, null));
    }

    [Fact]
    public void PushRetry_NotBefore_RoundsUpToTheWholeSecondHangfireSchedulesBy()
    {
        var due = new DateTime(2026, 12, 1, 10, 0, 10, DateTimeKind.Utc).AddTicks(9_000_000); // 10.9 s

        Assert.Equal(new DateTime(2026, 12, 1, 10, 0, 11, DateTimeKind.Utc), Messaging.Core.Notifications.Push.PushRetryAttribute.NotBefore(due));
        Assert.Equal(due.AddTicks(-9_000_000), Messaging.Core.Notifications.Push.PushRetryAttribute.NotBefore(due.AddTicks(-9_000_000)));
    }

    [Fact]
    public async Task Subscribe_BadKeysOrNoEndpoint_400()
    {
        using var api = Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob");

        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/notifications/push/subscriptions", bob,
            new { endpoint = "https://push.example/x", keys = new { p256dh = "short", auth = "AAAAAAAAAAAAAAAAAAAAAA" } });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/notifications/push/subscriptions", bob,
            new { endpoint = "ftp://push.example/x", keys = new { p256dh = "x", auth = "y" } });
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/api/v1/notifications");
    }
}
