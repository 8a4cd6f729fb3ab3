using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Messaging.Core.Notifications;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Notifications.Push;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Notifications;

/// <summary>The three channels end to end: in-app (API and hub), Web Push to a real HTTP push service, email digests through a real SMTP server.</summary>
public abstract class NotificationTests(NotificationFixture fixture)
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

    [Fact]
    public async Task Message_RecipientOffline_PushIsEncryptedToTheSubscription()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var browser = await SubscribeAsync(api, bob, "live");

        await api.SendMessageAsync(alice, conversation, "Lunch at noon?");

        var request = await WaitForPushAsync(browser.Id);
        Assert.Equal("aes128gcm", request.ContentEncoding);
        Assert.StartsWith("vapid t=", request.Authorization, StringComparison.Ordinal);
        Assert.Contains(", k=" + (await api.GetAsync("/api/v1/notifications/push/public_key", bob))!["public_key"]!.GetValue<string>(), request.Authorization, StringComparison.Ordinal);
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(WebPushEncryption.Decrypt(request.Body, browser.Key, browser.Auth)))!;
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
        using var browser = await SubscribeAsync(api, bob, "live");

        await api.SendMessageAsync(alice, conversation, "The merger closes Friday");

        var request = await WaitForPushAsync(browser.Id);
        var text = Encoding.UTF8.GetString(WebPushEncryption.Decrypt(request.Body, browser.Key, browser.Auth));
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
        using var bobBrowser = await SubscribeAsync(api, bob, "live");
        using var carolBrowser = await SubscribeAsync(api, carol, "live");
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", carol, new { push_notifications = false });
        await using var hub = await HubClient.ConnectAsync(Host, bob);

        var sent = await api.SendMessageAsync(alice, withBob, "You are online");
        await api.SendMessageAsync(alice, withCarol, "Your push is off");
        await hub.WaitForMessageAsync(sent["id"]!.GetValue<string>());
        await DispatchAsync();

        // A control push proves the queue is flowing: had the others been queued, they would have been sent before it.
        await hub.DisposeAsync();
        var dave = await api.CreateVerifiedUserAsync("Dave");
        using var daveBrowser = await SubscribeAsync(api, dave, "live");
        await api.SendMessageAsync(alice, await api.CreateDirectAsync(alice, dave), "Control");
        await WaitForPushAsync(daveBrowser.Id);
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
        using var browser = await SubscribeAsync(api, bob, kind);
        Assert.True(await HasSubscriptionAsync(bob));

        await api.SendMessageAsync(alice, conversation, "Anyone there?");

        await WaitForPushAsync(browser.Id);
        await WaitUntilAsync("the subscription is deleted", async () => !await HasSubscriptionAsync(bob));
    }

    [Fact]
    public async Task Push_TooManyRequests_RetriedNoSoonerThanRetryAfter()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var browser = await SubscribeAsync(api, bob, "busy");

        await api.SendMessageAsync(alice, conversation, "Busy service");

        var attempts = await WaitForPushesAsync(browser.Id, 2);
        // The back-off alone (1 s, plus at most one 2 s scheduler poll) would retry sooner; the service asked for 4.
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(PushServiceStub.BusyRetryAfterSeconds),
            $"Retried after {attempts[1].At - attempts[0].At}, before the Retry-After.");
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(WebPushEncryption.Decrypt(attempts[1].Body, browser.Key, browser.Auth)))!;
        Assert.Equal("Busy service", payload["body"]!.GetValue<string>());
        Assert.True(await HasSubscriptionAsync(bob));
    }

    [Fact]
    public async Task Push_ServerErrors_RetriedWithGrowingBackoffUntilDelivered()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        using var browser = await SubscribeAsync(api, bob, "flaky");

        await api.SendMessageAsync(alice, conversation, "Flaky service");

        // 503, 503, then 201: waits of at least RetryDelay (1 s in the fixture), then twice that.
        var attempts = await WaitForPushesAsync(browser.Id, 3);
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
        using var browser = await SubscribeAsync(api, bob, "down");
        var subscriptionId = await SubscriptionIdAsync(bob);

        await api.SendMessageAsync(alice, conversation, "Nobody home");

        // MaxAttempts is 3 in the fixture: the third refusal ends the job (deleted, not scheduled again).
        await WaitForPushesAsync(browser.Id, 3);
        var monitoring = Host.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        await WaitUntilAsync("the push job is given up", () => Task.FromResult(
            monitoring.DeletedJobs(0, 1000).Any(j => j.Value.Job?.Args is [Guid id, ..] && id == subscriptionId)));
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
    public async Task Cleanup_RemovesOnlyOldProcessedEntriesAndSentDigestItems()
    {
        var factory = Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
        var now = Now();
        var (oldEntry, pendingEntry, recentEntry) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var (oldItem, dueItem, recentItem) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var db = await factory.CreateDbContextAsync())
        {
            NotificationOutboxEntry Entry(Guid id, DateTime created, DateTime? processed) => new()
            {
                Id = id,
                Kind = OutboxKind.Message,
                ConversationId = Guid.NewGuid(),
                MessageId = Guid.NewGuid(),
                ActorId = Guid.NewGuid(),
                Recipients = Guid.NewGuid().ToString(),
                CreatedAt = created,
                ProcessedAt = processed,
            };
            EmailDigestItem Item(Guid id, DateTime? claimed) => new()
            {
                Id = id,
                UserId = Guid.NewGuid(),
                ConversationId = Guid.NewGuid(),
                MessageId = Guid.NewGuid(),
                Sequence = 1,
                DueAt = now.AddDays(-9),
                ClaimedAt = claimed,
            };
            db.AddRange(
                Entry(oldEntry, now.AddDays(-9), now.AddDays(-8)),
                Entry(pendingEntry, now.AddDays(-9), null),
                Entry(recentEntry, now.AddDays(-2), now.AddDays(-2)));
            db.AddRange(Item(oldItem, now.AddDays(-8)), Item(dueItem, null), Item(recentItem, now.AddDays(-1)));
            await db.SaveChangesAsync();
        }

        await Host.Services.GetRequiredService<NotificationCleanupJob>().RemoveOldAsync(now);

        await using (var db = await factory.CreateDbContextAsync())
        {
            var entries = await db.Set<NotificationOutboxEntry>().Where(e => e.Id == oldEntry || e.Id == pendingEntry || e.Id == recentEntry).Select(e => e.Id).ToListAsync();
            var items = await db.Set<EmailDigestItem>().Where(i => i.Id == oldItem || i.Id == dueItem || i.Id == recentItem).Select(i => i.Id).ToListAsync();
            Assert.Equal(new[] { pendingEntry, recentEntry }.Order(), entries.Order());
            Assert.Equal(new[] { dueItem, recentItem }.Order(), items.Order());
        }
    }

    [Fact]
    public void RecurringJobs_DigestAndBothCleanups_AreScheduledInHangfire()
    {
        using var connection = Host.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();

        var jobs = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("* * * * *", jobs[EmailDigestJob.RecurringJobId]);
        Assert.Equal(NotificationCleanupJob.Cron, jobs[NotificationCleanupJob.RecurringJobId]);
        Assert.Equal("*/10 * * * *", jobs[Messaging.Core.Attachments.AttachmentCleanup.RecurringJobId]);
    }

    [Fact]
    public async Task JobsDashboard_AdministratorsOnly()
    {
        using var api = Host.CreateApi();
        var user = await api.CreateVerifiedUserAsync("Not An Admin");
        var admin = await api.LoginAdminAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await DashboardAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DashboardAsync(user.Id)).StatusCode);
        using var allowed = await DashboardAsync(admin.Id);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("Messaging jobs", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        async Task<HttpResponseMessage> DashboardAsync(Guid? userId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs");
            if (userId is { } id)
            {
                request.Headers.Add("Cookie", $"{CookieSignIn.CookieName}={await CookieSignIn.CreateCookieValueAsync(Host, id)}");
            }

            return await api.Http.SendAsync(request);
        }
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

    [Fact]
    public async Task Digest_UnreadAfterDelay_ExactlyOneEmailWithBothPartsAndUnsubscribeHeaders()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.SendMessageAsync(alice, conversation, "First question");
        await api.SendMessageAsync(alice, conversation, "Second question");
        await DispatchAsync();
        var digests = Host.Services.GetRequiredService<EmailDigestJob>();

        await digests.SendDueAsync(Now().AddMinutes(1));
        Assert.Empty(fixture.Mail.To(bob.Email));
        await digests.SendDueAsync(Now().AddMinutes(16));
        await digests.SendDueAsync(Now().AddMinutes(30));

        var mail = Assert.Single(fixture.Mail.To(bob.Email));
        Assert.Empty(fixture.Mail.To(alice.Email));
        Assert.Contains("Second question", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Alice", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"{NotificationFixture.PublicUrl}/conversations/{conversation}", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith($"<{NotificationFixture.PublicUrl}/api/v1/notifications/email/unsubscribe?token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_ReadBeforeDelay_NoEmail()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        var sent = await api.SendMessageAsync(alice, conversation, "Quick one");
        await DispatchAsync();
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/messages/{sent["id"]}/read", bob);

        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));

        Assert.Empty(fixture.Mail.To(bob.Email));
    }

    [Fact]
    public async Task Digest_MutedConversation_NoEmail()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/mute", bob, new { });
        await api.SendMessageAsync(alice, conversation, "Muted chatter");
        await DispatchAsync();

        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));

        Assert.Empty(fixture.Mail.To(bob.Email));
    }

    [Fact]
    public async Task Digest_EncryptedConversation_NoContent()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob, encrypted: true);
        await api.SendMessageAsync(alice, conversation, "Salary figures attached");
        await DispatchAsync();

        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));

        var mail = Assert.Single(fixture.Mail.To(bob.Email));
        Assert.DoesNotContain("Salary", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Salary", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("encrypted", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_ArabicRecipient_ArabicRightToLeftEmail()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", bob, new { language = "ar" });
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.SendMessageAsync(alice, conversation, "مرحبا، هل الاجتماع غدًا؟");
        await DispatchAsync();

        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));

        var mail = Assert.Single(fixture.Mail.To(bob.Email));
        Assert.Contains("رسائل غير مقروءة", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("افتح المحادثة", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("مرحبا، هل الاجتماع غدًا؟", mail.TextBody, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"messaging-digest-ar-{fixture.Provider}.html"), mail.HtmlBody);
    }

    [Fact]
    public async Task Unsubscribe_OneClickPostFromEmail_TurnsEmailNotificationsOff()
    {
        using var api = Host.CreateApi();
        var (alice, bob) = (await api.CreateVerifiedUserAsync("Alice"), await api.CreateVerifiedUserAsync("Bob"));
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.SendMessageAsync(alice, conversation, "Ping");
        await DispatchAsync();
        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(16));
        var mail = Assert.Single(fixture.Mail.To(bob.Email));
        var link = mail.Headers["List-Unsubscribe"]!.Trim('<', '>').Replace(NotificationFixture.PublicUrl, "", StringComparison.Ordinal);

        using var forged = new StringContent("List-Unsubscribe=One-Click");
        using var oneClick = new StringContent("List-Unsubscribe=One-Click");
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/notifications/email/unsubscribe?token=forged", body: forged);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, link, body: oneClick);

        Assert.False((await api.GetAsync("/api/v1/messaging/settings", bob))!["email_notifications"]!.GetValue<bool>());
        await api.SendMessageAsync(alice, conversation, "Ping again");
        await DispatchAsync();
        await Host.Services.GetRequiredService<EmailDigestJob>().SendDueAsync(Now().AddMinutes(40));
        Assert.Single(fixture.Mail.To(bob.Email));
    }

    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;

    /// <summary>Everything sent so far is planned and committed once this returns (see NotificationDispatcher).</summary>
    private Task DispatchAsync() => Host.Services.GetRequiredService<NotificationDispatcher>().ProcessPendingAsync();

    private async Task<Browser> SubscribeAsync(ApiClient api, TestUser user, string kind)
    {
#pragma warning disable CA2000 // The simulated browser keeps its key for the whole test, as a real one does.
        var browser = new Browser($"{kind}-{Guid.NewGuid():N}", ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16));
#pragma warning restore CA2000
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/notifications/push/subscriptions", user, new
        {
            endpoint = new Uri(fixture.Push.BaseAddress, $"/push/{browser.Id}").ToString(),
            keys = new { p256dh = WebEncoders.Base64UrlEncode(WebPushEncryption.PublicKeyBytes(browser.Key)), auth = WebEncoders.Base64UrlEncode(browser.Auth) },
        });
        return browser;
    }

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

    private async Task<IReadOnlyList<PushRequest>> WaitForPushesAsync(string id, int count)
    {
        IReadOnlyList<PushRequest> found = [];
        await WaitUntilAsync($"{count} pushes to {id}", () =>
        {
            found = fixture.Push.Requests.Where(r => r.Id == id).OrderBy(r => r.At).ToList();
            return Task.FromResult(found.Count >= count);
        });
        return found;
    }

    private async Task<PushRequest> WaitForPushAsync(string id)
    {
        PushRequest? found = null;
        await WaitUntilAsync($"a push to {id}", () =>
        {
            found = fixture.Push.Requests.FirstOrDefault(r => r.Id == id);
            return Task.FromResult(found is not null);
        });
        return found!;
    }

    private static async Task WaitUntilAsync(string what, Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    private sealed record Browser(string Id, ECDiffieHellman Key, byte[] Auth) : IDisposable
    {
        public void Dispose() => Key.Dispose();
    }
}

public sealed class NotificationTestsOnSqlite(SqliteNotificationFixture fixture) : NotificationTests(fixture), IClassFixture<SqliteNotificationFixture>;

public sealed class NotificationTestsOnPostgres(PostgresNotificationFixture fixture) : NotificationTests(fixture), IClassFixture<PostgresNotificationFixture>;
