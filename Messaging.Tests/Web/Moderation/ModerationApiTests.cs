using System.Net;
using System.Text.Json.Nodes;
using Messaging.Core.Moderation;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Moderation;

/// <summary>API.md "Moderation": suspensions, the paged users list and the audit log, on both providers.</summary>
public abstract class ModerationApiTests(AppFixture app)
{
    [Fact]
    public async Task Suspend_VerifiedUser_RefusedWith403SuspendedGoneFromDirectoryAndAudited()
    {
        using var api = app.Host.CreateApi();
        var mallory = await api.CreateVerifiedUserAsync("Mallory Suspended");
        var alice = await api.CreateVerifiedUserAsync("Alice Looks");
        var admin = await api.LoginAdminAsync();
        Assert.Contains(await Directory(api, alice, "Mallory Suspended"), e => e == mallory.Id);
        var conversation = await api.CreateDirectAsync(mallory, alice);
        var past = (await api.SendMessageAsync(mallory, conversation, "sent before the suspension"))["id"]!.GetValue<string>();

        var suspended = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{mallory.Id}/suspend", admin,
            new { reason = "Spam in groups" });

        Assert.True(suspended!["is_suspended"]!.GetValue<bool>());
        var refused = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/users/me", mallory, language: "ar");
        Assert.Equal("suspended", refused!["code"]!.GetValue<string>());
        Assert.Equal(BrowserSession.Text<Messaging.Web.Resources.Errors>("Suspended", "ar"), refused["detail"]!.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/messaging/conversations", mallory);
        Assert.DoesNotContain(await Directory(api, alice, "Mallory Suspended"), e => e == mallory.Id);
        // Their past messages stay where they were.
        var history = (await api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages", alice))!.AsArray();
        var kept = history.Single(m => m!["id"]!.GetValue<string>() == past)!;
        Assert.Equal("sent before the suspension", kept["content"]!.GetValue<string>());
        Assert.False(kept["is_deleted"]!.GetValue<bool>());
        var audit = await api.GetAsync($"/api/v1/admin/audit?target_id={mallory.Id}", admin);
        var entry = audit!.AsArray().Single(e => e!["action"]!.GetValue<string>() == AuditActions.UserSuspended)!;
        Assert.Equal(admin.Id.ToString(), entry["actor_id"]!.GetValue<string>());
        Assert.Equal("user", entry["target_type"]!.GetValue<string>());
        Assert.Equal("Spam in groups", entry["details"]!["reason"]!.GetValue<string>());

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{mallory.Id}/unsuspend", admin, new { });

        await api.GetAsync("/api/v1/users/me", mallory);
        Assert.Contains(await Directory(api, alice, "Mallory Suspended"), e => e == mallory.Id);
        var after = await api.GetAsync($"/api/v1/admin/audit?target_id={mallory.Id}&action=user_unsuspended", admin);
        Assert.Single(after!.AsArray());
    }

    [Fact]
    public async Task Suspend_WithEndDate_LiftsItselfAfterTheDate()
    {
        using var api = app.Host.CreateApi();
        var brief = await api.CreateVerifiedUserAsync("Brief Suspension");
        var admin = await api.LoginAdminAsync();

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{brief.Id}/suspend", admin,
            new { reason = "Cool down", until = DateTime.UtcNow.AddSeconds(2) });

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/users/me", brief);
        // Refused (403) until the end date, then let in; nothing else in between.
        var lifted = await Eventually.ValueAsync("the suspension to lift itself after its end date", async () =>
        {
            using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/users/me", brief);
            return response.StatusCode;
        }, status => status != HttpStatusCode.Forbidden, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100));
        Assert.Equal(HttpStatusCode.OK, lifted);
    }

    [Fact]
    public async Task Suspend_ConnectedUser_HubClosedWithin5sAndReconnectRefused()
    {
        using var api = app.Host.CreateApi();
        var bob = await api.CreateVerifiedUserAsync("Bob Connected");
        await using var hub = await HubClient.ConnectAsync(app.Host, bob);
        var closed = AccessAssertions.WatchClosed(hub.Connection);
        var admin = await api.LoginAdminAsync();

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{bob.Id}/suspend", admin, new { reason = "Abuse" });

        await closed.WaitAsync(AccessAssertions.Promise);
        await using var again = HubClient.Build(app.Host.BaseAddress, bob.AccessToken);
        await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());
    }

    [Fact]
    public async Task Suspend_BadInput_LocalizedValidationAndNoAuditEntry()
    {
        using var api = app.Host.CreateApi();
        var target = await api.CreateVerifiedUserAsync("Not Suspended");
        var admin = await api.LoginAdminAsync();

        var blank = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/v1/admin/users/{target.Id}/suspend", admin, new { reason = " " });
        Assert.NotNull(blank!["errors"]!["reason"]);
        var past = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/v1/admin/users/{target.Id}/suspend", admin,
            new { reason = "late", until = DateTime.UtcNow.AddDays(-1) });
        Assert.NotNull(past!["errors"]!["until"]);
        var self = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"/api/v1/admin/users/{admin.Id}/suspend", admin, new { reason = "me" });
        Assert.Equal("cannot_moderate_yourself", self!["code"]!.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"/api/v1/admin/users/{Guid.NewGuid()}/suspend", admin, new { reason = "nobody" });
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/admin/users/{admin.Id}/suspend", target, new { reason = "revenge" });
        await api.GetAsync("/api/v1/users/me", target);
        var audit = await api.GetAsync($"/api/v1/admin/audit?target_id={target.Id}&action=user_suspended", admin);
        Assert.Empty(audit!.AsArray());
    }

    [Fact]
    public async Task AdminUsers_SearchStatusAndCursor_PagedOnTheServer()
    {
        using var api = app.Host.CreateApi();
        var tag = "pg" + Guid.NewGuid().ToString("N")[..8];
        var first = await api.RegisterAsync($"Paged {tag} One");
        var second = await api.RegisterAsync($"Paged {tag} Two");
        var third = await api.CreateVerifiedUserAsync($"Paged {tag} Three");
        var admin = await api.LoginAdminAsync();

        var page1 = await api.GetAsync($"/api/v1/admin/users?query={tag}&limit=2", admin);
        var page2 = await api.GetAsync($"/api/v1/admin/users?query={tag}&limit=2&cursor={page1!["next_cursor"]!.GetValue<string>()}", admin);

        Assert.Equal([first.Id, second.Id], Ids(page1));
        Assert.Equal([third.Id], Ids(page2));
        Assert.Null(page2!["next_cursor"]);
        Assert.Equal([first.Id, second.Id], Ids(await api.GetAsync($"/api/v1/admin/users?query={tag}&status=pending", admin)));
        Assert.Equal([third.Id], Ids(await api.GetAsync($"/api/v1/admin/users?query={tag.ToUpperInvariant()}&status=verified", admin)));
        Assert.Equal([first.Id], Ids(await api.GetAsync($"/api/v1/admin/users?query={Uri.EscapeDataString(first.Email)}", admin)));
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{second.Id}/suspend", admin, new { reason = "test" });
        Assert.Equal([second.Id], Ids(await api.GetAsync($"/api/v1/admin/users?query={tag}&status=suspended", admin)));
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/admin/users", third);
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/v1/admin/users?cursor=abc", admin);
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/v1/admin/users?status=banned", admin);
    }

    [Fact]
    public async Task Audit_EveryAdministratorAction_WrittenNewestFirstAndPagedWithBefore()
    {
        using var api = app.Host.CreateApi();
        var person = await api.RegisterAsync("Audited Person");
        var admin = await api.LoginAdminAsync();

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{person.Id}/verify", admin);
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{person.Id}/withdraw_verification", admin);
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{person.Id}/reject", admin);
        var again = await api.LoginAsync(person.Email, person.Password);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/admin/users/{person.Id}/sessions/end", admin);

        await AccessAssertions.ExpectRejectedWithinAsync(api, again);
        var log = await api.GetAsync($"/api/v1/admin/audit?target_id={person.Id}", admin);
        Assert.Equal(
            [AuditActions.SessionsEnded, AuditActions.UserRejected, AuditActions.VerificationWithdrawn, AuditActions.UserVerified],
            log!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal("verified", log[2]!["details"]!["previous_status"]!.GetValue<string>());
        var older = await api.GetAsync($"/api/v1/admin/audit?target_id={person.Id}&limit=2&before={log[1]!["id"]!.GetValue<string>()}", admin);
        Assert.Equal([AuditActions.VerificationWithdrawn, AuditActions.UserVerified], older!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/v1/admin/audit?action=made_up", admin);
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/admin/audit", again with { AccessToken = (await api.CreateVerifiedUserAsync("Curious")).AccessToken });
    }

    [Fact]
    public async Task Audit_ChangeOrDelete_RefusedOnSave()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Audit Tamper Target");
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var entry = await db.Set<AuditEntry>().FirstAsync(e => e.TargetId == person.Id);

        entry.Details = "{}";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Set<AuditEntry>().Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    private static Guid[] Ids(JsonNode? page) => page!["items"]!.AsArray().Select(u => Guid.Parse(u!["user_id"]!.GetValue<string>())).ToArray();

    private static async Task<Guid[]> Directory(ApiClient api, TestUser caller, string query)
    {
        var found = await api.GetAsync($"/api/v1/users?query={Uri.EscapeDataString(query)}", caller);
        return found!.AsArray().Select(u => Guid.Parse(u!["user_id"]!.GetValue<string>())).ToArray();
    }
}

public sealed class ModerationApiTestsOnSqlite(SqliteAppFixture app) : ModerationApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class ModerationApiTestsOnPostgres(PostgresAppFixture app) : ModerationApiTests(app), IClassFixture<PostgresAppFixture>;
