using System.Net;
using System.Text.Json.Nodes;
using Messaging.Core.Moderation;
using Messaging.Core.Moderation.Reports;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Moderation;

/// <summary>API.md "Moderation": filing reports (who may, evidence, grouping) and resolving them, on both providers.</summary>
public abstract class ReportApiTests(AppFixture app)
{
    [Fact]
    public async Task Report_OutsiderGuessingIds_404AndParticipant201OnceWithEvidence()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Reported");
        var alice = await api.CreateVerifiedUserAsync("Alice Reporter");
        var carol = await api.CreateVerifiedUserAsync("Carol Outsider");
        var conversation = await api.CreateDirectAsync(bob, alice);
        var mine = await api.SendMessageAsync(alice, conversation, "hello bob");
        var message = await api.SendMessageAsync(bob, conversation, "buy cheap watches");
        var messageId = message["id"]!.GetValue<string>();

        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/moderation/reports", carol, new { message_id = messageId, reason = "spam" });
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/moderation/reports", carol, new { conversation_id = conversation, reason = "spam" });
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = Guid.NewGuid(), reason = "spam" });
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, conversation_id = Guid.NewGuid(), reason = "spam" });
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { user_id = Guid.NewGuid(), reason = "spam" });
        var badReason = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, reason = "rude" }, language: "ar");
        Assert.NotNull(badReason!["errors"]!["reason"]);
        var own = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = mine["id"]!.GetValue<string>(), reason = "spam" });
        Assert.NotNull(own!["errors"]!["message_id"]);
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { reason = "spam" });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, reason = "spam", comment = new string('x', 1001) });

        var report = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice,
            new { message_id = messageId, reason = "confidential_leak", comment = "leaked the plan" });
        var again = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, reason = "spam" });

        Assert.Equal(report!["id"]!.GetValue<string>(), again!["id"]!.GetValue<string>());
        Assert.Equal("open", report["status"]!.GetValue<string>());
        Assert.Equal("confidential_leak", report["reason"]!.GetValue<string>());
        Assert.Equal(alice.Id.ToString(), report["reporter_id"]!.GetValue<string>());
        Assert.Equal(bob.Id.ToString(), report["user_id"]!.GetValue<string>());
        Assert.Equal(conversation, report["conversation_id"]!.GetValue<string>());
        Assert.Equal(["hello bob", "buy cheap watches"], report["evidence"]!.AsArray().Select(e => e!["content"]!.GetValue<string>()));
        Assert.Equal("Bob Reported", report["evidence"]![1]!["sender_name"]!.GetValue<string>());
        Assert.Null(report["reporters"]);
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/admin/reports", alice);
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/admin/reports/{report["id"]}/resolve", alice, new { action = "dismiss" });
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { user_id = carol.Id, reason = "impersonation" });
    }

    [Fact]
    public async Task Report_MessageEditedAndDeletedLater_EvidenceKeepsTheTextAndTheTenBefore()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Edits Later");
        var alice = await api.CreateVerifiedUserAsync("Alice Keeps Evidence");
        var conversation = await api.CreateDirectAsync(bob, alice);
        var sent = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            sent.Add((await api.SendMessageAsync(bob, conversation, $"line {i}"))["id"]!.GetValue<string>());
        }

        var report = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = sent[^1], reason = "harassment" });
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/v1/messaging/conversations/{conversation}/messages/{sent[^1]}", bob, new { content = "nothing to see" });
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{conversation}/messages/{sent[^2]}", bob);

        var item = await QueueItemAsync(api, report!["id"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(2, 11).Select(i => $"line {i}"), item["evidence"]!.AsArray().Select(e => e!["content"]!.GetValue<string>()));
        Assert.Equal(sent[^1], item["evidence"]![10]!["message_id"]!.GetValue<string>());
        Assert.Equal(0, item["earlier_reports"]!.GetValue<int>());
        Assert.Equal("Bob Edits Later", item["user_name"]!.GetValue<string>());
        // At rest the snapshot is sealed: the database holds no readable copy of the text.
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var stored = await db.Set<Report>().AsNoTracking().SingleAsync(r => r.Id == Guid.Parse(report["id"]!.GetValue<string>()));
        Assert.DoesNotContain("line 12", stored.Evidence, StringComparison.Ordinal);
        Assert.Empty(app.Host.Services.GetRequiredService<ReportEvidence>().Open(Guid.NewGuid(), stored.Evidence));
    }

    [Fact]
    public async Task Report_EncryptedConversation_AdministratorsReadTheSharedMessages()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Encrypted");
        var alice = await api.CreateVerifiedUserAsync("Alice Consents");
        var conversation = await api.CreateDirectAsync(bob, alice, encrypted: true);
        await api.SendMessageAsync(bob, conversation, "secret one");
        var message = await api.SendMessageAsync(bob, conversation, "secret threat");

        var report = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice,
            new { message_id = message["id"]!.GetValue<string>(), reason = "harassment" });

        var item = await QueueItemAsync(api, report!["id"]!.GetValue<string>());
        Assert.Equal(["secret one", "secret threat"], item["evidence"]!.AsArray().Select(e => e!["content"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Report_SameMessageByTwoPeople_OneCaseWithBothReportersResolvedTogether()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Twice Reported");
        var alice = await api.CreateVerifiedUserAsync("Alice First");
        var carol = await api.CreateVerifiedUserAsync("Carol Second");
        var group = await api.CreateGroupAsync(bob, "Reported group", alice, carol);
        var messageId = (await api.SendMessageAsync(bob, group, "rude words"))["id"]!.GetValue<string>();

        var first = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, reason = "harassment", comment = "again" });
        var second = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", carol, new { message_id = messageId, reason = "spam" });

        var admin = await api.LoginAdminAsync();
        var open = (await api.GetAsync("/api/v1/admin/reports?status=open&limit=100", admin))!["items"]!.AsArray();
        Assert.DoesNotContain(open, r => r!["id"]!.GetValue<string>() == second!["id"]!.GetValue<string>());
        var item = open.Single(r => r!["id"]!.GetValue<string>() == first!["id"]!.GetValue<string>())!;
        Assert.Equal(["Alice First", "Carol Second"], item["reporters"]!.AsArray().Select(r => r!["reporter_name"]!.GetValue<string>()));
        Assert.Equal("again", item["reporters"]![0]!["comment"]!.GetValue<string>());

        var resolved = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{second!["id"]}/resolve", admin, new { action = "dismiss", note = "banter" });

        Assert.Equal(first!["id"]!.GetValue<string>(), resolved!["id"]!.GetValue<string>());
        Assert.Equal("resolved", resolved["status"]!.GetValue<string>());
        Assert.Equal("dismiss", resolved["action"]!.GetValue<string>());
        Assert.Equal("banter", resolved["note"]!.GetValue<string>());
        Assert.True(await HasReportHandledAsync(api, alice));
        Assert.True(await HasReportHandledAsync(api, carol));
        var again = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/v1/admin/reports/{first["id"]}/resolve", admin, new { action = "dismiss" });
        Assert.Equal("report_already_resolved", again!["code"]!.GetValue<string>());
        var resolvedList = (await api.GetAsync("/api/v1/admin/reports?status=resolved&limit=100", admin))!["items"]!.AsArray();
        Assert.Contains(resolvedList, r => r!["id"]!.GetValue<string>() == first["id"]!.GetValue<string>());
        // A new report of the same message after the case closed opens a new case.
        var later = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, reason = "other" });
        Assert.NotNull(await QueueItemAsync(api, later!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Resolve_DeleteMessage_TombstoneForEveryoneAuditedAndReporterToldWithoutDetails()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Removed");
        var alice = await api.CreateVerifiedUserAsync("Alice Told");
        var conversation = await api.CreateDirectAsync(bob, alice);
        var messageId = (await api.SendMessageAsync(bob, conversation, "remove me"))["id"]!.GetValue<string>();
        var report = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, reason = "spam" });
        var admin = await api.LoginAdminAsync();

        var resolved = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{report!["id"]}/resolve", admin, new { action = "delete_message", note = "spam link" });

        Assert.Equal("delete_message", resolved!["action"]!.GetValue<string>());
        foreach (var reader in new[] { alice, bob })
        {
            var history = (await api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages", reader))!.AsArray();
            var tombstone = history.Single(m => m!["id"]!.GetValue<string>() == messageId)!;
            Assert.True(tombstone["is_deleted"]!.GetValue<bool>());
            Assert.True(tombstone["removed_by_administrator"]!.GetValue<bool>());
            Assert.Equal("", tombstone["content"]!.GetValue<string>());
        }

        var audit = (await api.GetAsync("/api/v1/admin/audit?limit=200", admin))!.AsArray();
        var resolvedEntry = audit.Single(e => e!["action"]!.GetValue<string>() == AuditActions.ReportResolved && e["target_id"]!.GetValue<string>() == report["id"]!.GetValue<string>())!;
        Assert.Equal("report", resolvedEntry["target_type"]!.GetValue<string>());
        Assert.Equal("delete_message", resolvedEntry["details"]!["action"]!.GetValue<string>());
        Assert.Equal("spam link", resolvedEntry["details"]!["note"]!.GetValue<string>());
        var removedEntry = audit.Single(e => e!["action"]!.GetValue<string>() == AuditActions.MessageRemoved && e["target_id"]!.GetValue<string>() == messageId)!;
        Assert.Equal(admin.Id.ToString(), removedEntry["actor_id"]!.GetValue<string>());
        var notice = (await api.GetAsync("/api/v1/notifications", alice))!.AsArray().Single(n => n!["type"]!.GetValue<string>() == "report_handled")!;
        Assert.Null(notice["message_id"]);
        Assert.Null(notice["preview"]);
        Assert.Equal("", notice["actor_name"]!.GetValue<string>());
        Assert.False(await HasReportHandledAsync(api, bob));
        // The evidence outlives the removal.
        var kept = (await api.GetAsync("/api/v1/admin/reports?status=resolved&limit=100", admin))!["items"]!.AsArray()
            .Single(r => r!["id"]!.GetValue<string>() == report["id"]!.GetValue<string>())!;
        Assert.Equal("remove me", kept["evidence"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_SuspendUser_PersonSuspendedAuditedAndHistoryCounted()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Suspended By Report");
        var alice = await api.CreateVerifiedUserAsync("Alice Reports Person");
        var conversation = await api.CreateDirectAsync(bob, alice);
        var messageId = (await api.SendMessageAsync(bob, conversation, "first offence"))["id"]!.GetValue<string>();
        var admin = await api.LoginAdminAsync();
        var earlier = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { message_id = messageId, reason = "spam" });
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{earlier!["id"]}/resolve", admin, new { action = "dismiss" });
        var report = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { user_id = bob.Id, reason = "impersonation" });

        var item = await QueueItemAsync(api, report!["id"]!.GetValue<string>());
        Assert.Equal(1, item["earlier_reports"]!.GetValue<int>());
        var badAction = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/v1/admin/reports/{report["id"]}/resolve", admin, new { action = "delete_message" });
        Assert.NotNull(badAction!["errors"]!["action"]);
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/v1/admin/reports/{report["id"]}/resolve", admin, new { action = "ban" });
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"/api/v1/admin/reports/{Guid.NewGuid()}/resolve", admin, new { action = "dismiss" });
        await api.GetAsync("/api/v1/users/me", bob);

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{report["id"]}/resolve", admin, new { action = "suspend_user", note = "Pretends to be support" });

        var refused = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/users/me", bob);
        Assert.Equal("suspended", refused!["code"]!.GetValue<string>());
        var audit = (await api.GetAsync($"/api/v1/admin/audit?target_id={bob.Id}&action={AuditActions.UserSuspended}", admin))!.AsArray();
        Assert.Equal("Pretends to be support", audit.Single()!["details"]!["reason"]!.GetValue<string>());
        Assert.Equal(report["id"]!.GetValue<string>(), audit.Single()!["details"]!["report_id"]!.GetValue<string>());
        Assert.Single((await api.GetAsync($"/api/v1/admin/audit?target_id={report["id"]}&action={AuditActions.ReportResolved}", admin))!.AsArray());
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{bob.Id}/unsuspend", admin, new { });
    }

    [Fact]
    public async Task Report_Conversation_LatestMessagesKeptAndResolvedViewSaysWhoDecidedWhatAndWhen()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Runs A Group");
        var alice = await api.CreateVerifiedUserAsync("Alice Reports Group");
        var group = await api.CreateGroupAsync(bob, "Noisy group", alice);
        for (var i = 1; i <= 12; i++)
        {
            await api.SendMessageAsync(bob, group, $"group line {i}");
        }

        var report = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice,
            new { conversation_id = group, reason = "spam", comment = "the whole group is spam" });

        Assert.Equal(group, report!["conversation_id"]!.GetValue<string>());
        Assert.Null(report["message_id"]);
        Assert.Null(report["user_id"]);
        Assert.Equal(Enumerable.Range(2, 11).Select(i => $"group line {i}"), report["evidence"]!.AsArray().Select(e => e!["content"]!.GetValue<string>()));
        var admin = await api.LoginAdminAsync();
        var open = await QueueItemAsync(api, report["id"]!.GetValue<string>());
        Assert.Null(open["resolved_by_id"]);
        var wrong = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/v1/admin/reports/{report["id"]}/resolve", admin, new { action = "suspend_user" });
        Assert.NotNull(wrong!["errors"]!["action"]);
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{report["id"]}/resolve", admin, new { action = "dismiss", note = "a busy group, not spam" });

        var resolved = (await api.GetAsync("/api/v1/admin/reports?status=resolved&limit=100", admin))!["items"]!.AsArray()
            .Single(r => r!["id"]!.GetValue<string>() == report["id"]!.GetValue<string>())!;
        Assert.Equal("resolved", resolved["status"]!.GetValue<string>());
        Assert.Equal("dismiss", resolved["action"]!.GetValue<string>());
        Assert.Equal("a busy group, not spam", resolved["note"]!.GetValue<string>());
        Assert.Equal(admin.Id.ToString(), resolved["resolved_by_id"]!.GetValue<string>());
        Assert.Equal("Administrator", resolved["resolved_by_name"]!.GetValue<string>());
        Assert.True(DateTime.UtcNow - resolved["resolved_at"]!.GetValue<DateTime>().ToUniversalTime() < TimeSpan.FromMinutes(5));
        Assert.Equal(11, resolved["evidence"]!.AsArray().Count);
        Assert.DoesNotContain((await api.GetAsync("/api/v1/admin/reports?status=open&limit=100", admin))!["items"]!.AsArray(),
            r => r!["id"]!.GetValue<string>() == report["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Queue_OpenCasesOldestFirst_ResolvedOnesMostRecentlyResolvedFirst()
    {
        using var api = app.Host.CreateApi();
        var alice = await api.CreateVerifiedUserAsync("Alice Orders");
        var first = await api.CreateVerifiedUserAsync("First Reported");
        var second = await api.CreateVerifiedUserAsync("Second Reported");
        var older = (await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { user_id = first.Id, reason = "spam" }))!["id"]!.GetValue<string>();
        var newer = (await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/moderation/reports", alice, new { user_id = second.Id, reason = "spam" }))!["id"]!.GetValue<string>();
        var admin = await api.LoginAdminAsync();

        var open = (await api.GetAsync("/api/v1/admin/reports?status=open&limit=100", admin))!["items"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.True(open.IndexOf(older) >= 0 && open.IndexOf(older) < open.IndexOf(newer), "open cases are not oldest first");

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{newer}/resolve", admin, new { action = "dismiss" });
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/reports/{older}/resolve", admin, new { action = "dismiss" });
        var resolved = (await api.GetAsync("/api/v1/admin/reports?status=resolved&limit=100", admin))!["items"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.True(resolved.IndexOf(older) >= 0 && resolved.IndexOf(older) < resolved.IndexOf(newer), "resolved cases are not most recently resolved first");
    }

    private static async Task<bool> HasReportHandledAsync(ApiClient api, TestUser user) =>
        (await api.GetAsync("/api/v1/notifications", user))!.AsArray().Any(n => n!["type"]!.GetValue<string>() == "report_handled");

    private static async Task<JsonNode> QueueItemAsync(ApiClient api, string reportId)
    {
        var admin = await api.LoginAdminAsync();
        var open = (await api.GetAsync("/api/v1/admin/reports?limit=100", admin))!["items"]!.AsArray();
        return open.Single(r => r!["id"]!.GetValue<string>() == reportId)!;
    }
}

public sealed class ReportApiTestsOnSqlite(SqliteAppFixture app) : ReportApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class ReportApiTestsOnPostgres(PostgresAppFixture app) : ReportApiTests(app), IClassFixture<PostgresAppFixture>;
