using System.Net;
using Messaging.Core.Notifications;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Notifications;

/// <summary>The Hangfire side: recurring jobs, cleanups and who may open the dashboard.</summary>
public partial class NotificationTests
{
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
}
