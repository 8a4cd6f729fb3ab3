using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Conversations;

/// <summary>
/// Every conversation-scoped endpoint, called by an anonymous caller, an unverified user and a verified outsider:
/// all are refused, the outsider cannot tell the conversation exists, and nothing changes.
/// </summary>
public abstract class AuthorizationTests(AppFixture app)
{
    private sealed record Call(HttpMethod Method, string Path, object? Body);

    [Fact]
    public async Task EveryConversationEndpoint_AnonymousUnverifiedOutsider_AreRefusedAndLearnNothing()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var lina = await api.CreateVerifiedUserAsync("Lina");
        var outsider = await api.CreateVerifiedUserAsync("Outsider");
        var pending = await api.RegisterAsync("Pending");
        var group = await api.CreateGroupAsync(sara, "Secret plans", omar, lina);
        var message = (await api.SendMessageAsync(sara, group, "the secret"))["id"]!.GetValue<string>();
        var before = await SnapshotAsync(api, sara, group);

        foreach (var call in CallsFor(group, message, omar.Id))
        {
            using (var anonymous = await api.SendAsync(call.Method, call.Path, null, call.Body))
            {
                Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"anonymous {call.Method} {call.Path}: {(int)anonymous.StatusCode}");
            }

            using (var unverified = await api.SendAsync(call.Method, call.Path, pending, call.Body))
            {
                Assert.True(unverified.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                    $"unverified {call.Method} {call.Path}: {(int)unverified.StatusCode}");
                Assert.DoesNotContain("secret", await unverified.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            }

            using var stranger = await api.SendAsync(call.Method, call.Path, outsider, call.Body);
            var strangerBody = await stranger.Content.ReadAsStringAsync();
            Assert.True(stranger.StatusCode == HttpStatusCode.NotFound, $"outsider {call.Method} {call.Path}: {(int)stranger.StatusCode} {strangerBody}");
            Assert.DoesNotContain("secret", strangerBody, StringComparison.OrdinalIgnoreCase);

            // The same call on an id that does not exist answers exactly alike: existence does not leak.
            var ghostPath = call.Path.Replace(group, Guid.NewGuid().ToString(), StringComparison.Ordinal);
            using var ghost = await api.SendAsync(call.Method, ghostPath, outsider, call.Body);
            Assert.Equal(stranger.StatusCode, ghost.StatusCode);
        }

        Assert.Equal(before, await SnapshotAsync(api, sara, group));
        Assert.Empty((await api.GetAsync("/api/v1/messaging/conversations", outsider))!.AsArray());
        var search = await api.GetAsync("/api/v1/messaging/search?query=secret", outsider);
        Assert.Empty(search!.AsArray());
    }

    [Fact]
    public async Task EveryConversationEndpoint_RemovedMemberThenWithdrawnMember_NotFoundThenSignedOut()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var lina = await api.CreateVerifiedUserAsync("Lina");
        var group = await api.CreateGroupAsync(sara, "Secret plans", omar, lina);
        var message = (await api.SendMessageAsync(sara, group, "the secret"))["id"]!.GetValue<string>();
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{group}/participants/{lina.Id}", sara);
        var admin = await api.LoginAdminAsync();
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{omar.Id}/reject", admin);
        var before = await SnapshotAsync(api, sara, group);

        foreach (var call in CallsFor(group, message, sara.Id))
        {
            // A removed member is an outsider now: the conversation does not exist for them.
            using var removed = await api.SendAsync(call.Method, call.Path, lina, call.Body);
            var removedBody = await removed.Content.ReadAsStringAsync();
            Assert.True(removed.StatusCode == HttpStatusCode.NotFound, $"removed {call.Method} {call.Path}: {(int)removed.StatusCode} {removedBody}");
            Assert.DoesNotContain("secret", removedBody, StringComparison.OrdinalIgnoreCase);

            // Withdrawing verification ends the member's sessions: their token stops working before any rule is read
            // (Core's own order, not_verified first, is pinned in Core/Conversations/MembershipTests).
            using var withdrawn = await api.SendAsync(call.Method, call.Path, omar, call.Body);
            var withdrawnBody = await withdrawn.Content.ReadAsStringAsync();
            Assert.True(withdrawn.StatusCode == HttpStatusCode.Unauthorized, $"withdrawn {call.Method} {call.Path}: {(int)withdrawn.StatusCode} {withdrawnBody}");
            Assert.DoesNotContain("secret", withdrawnBody, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(before, await SnapshotAsync(api, sara, group));
    }

    [Fact]
    public async Task ConversationRules_BlockedAndNonAdmin_RefusedWithTheirOwnCode()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var direct = await api.CreateDirectAsync(sara, omar);
        var group = await api.CreateGroupAsync(sara, "Plans", omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/users/{sara.Id}/block", omar);

        var blocked = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/messaging/conversations/{direct}/messages", sara, new { content = "hi" });
        var rename = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Patch, $"/api/v1/messaging/conversations/{group}", omar, new { title = "Mine" });
        var remove = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, $"/api/v1/messaging/conversations/{group}/participants/{sara.Id}", omar);

        Assert.Equal("blocked", blocked!["code"]!.GetValue<string>());
        Assert.Equal("not_group_admin", rename!["code"]!.GetValue<string>());
        Assert.Equal("not_group_admin", remove!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AccountEndpoints_Anonymous_AreUnauthorized()
    {
        using var api = app.Host.CreateApi();
        string[] paths = ["/api/v1/users/me", "/api/v1/users?query=a", "/api/v1/messaging/settings", "/api/v1/messaging/conversations", "/api/v1/messaging/search?query=ab"];
        foreach (var path in paths)
        {
            await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, path);
        }

        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, $"/api/v1/admin/users/{Guid.NewGuid()}/verify");
    }

    [Fact]
    public async Task AdminEndpoints_NonAdmin_AreForbiddenAndChangeNothing()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var pending = await api.RegisterAsync("Pending");

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/admin/users/{pending.Id}/verify", sara);
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/admin/users/{pending.Id}/verify", pending);
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/admin/users/{sara.Id}/reject", pending);
        var me = await api.GetAsync("/api/v1/users/me", pending);
        Assert.Equal("pending", me!["verification_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvalidToken_IsUnauthorized()
    {
        using var api = app.Host.CreateApi();
        var forged = new TestUser(Guid.NewGuid(), "x@y.z", "p", "not-a-token", "");
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/api/v1/users/me", forged);
    }

    private static IEnumerable<Call> CallsFor(string conversation, string message, Guid member)
    {
        var c = $"/api/v1/messaging/conversations/{conversation}";
        yield return new(HttpMethod.Get, c, null);
        yield return new(HttpMethod.Patch, c, new { title = "pwned" });
        yield return new(HttpMethod.Delete, c, null);
        yield return new(HttpMethod.Post, $"{c}/participants", new { user_ids = new[] { Guid.NewGuid() } });
        yield return new(HttpMethod.Delete, $"{c}/participants/{member}", null);
        yield return new(HttpMethod.Post, $"{c}/archive", null);
        yield return new(HttpMethod.Post, $"{c}/unarchive", null);
        yield return new(HttpMethod.Post, $"{c}/mute", new { });
        yield return new(HttpMethod.Post, $"{c}/unmute", null);
        yield return new(HttpMethod.Post, $"{c}/accept", null);
        yield return new(HttpMethod.Get, $"{c}/messages", null);
        yield return new(HttpMethod.Get, $"{c}/messages?after_sequence=0", null);
        yield return new(HttpMethod.Post, $"{c}/messages", new { content = "intrusion" });
        yield return new(HttpMethod.Patch, $"{c}/messages/{message}", new { content = "changed" });
        yield return new(HttpMethod.Delete, $"{c}/messages/{message}", null);
        yield return new(HttpMethod.Post, $"{c}/messages/{message}/read", null);
        yield return new(HttpMethod.Post, $"{c}/messages/{message}/pin", null);
        yield return new(HttpMethod.Delete, $"{c}/messages/{message}/pin", null);
        yield return new(HttpMethod.Get, $"{c}/pins", null);
        yield return new(HttpMethod.Put, $"{c}/draft", new { content = "intrusion" });
        yield return new(HttpMethod.Get, $"/api/v1/messaging/search?query=secret&conversation_id={conversation}", null);
    }

    private static async Task<string> SnapshotAsync(ApiClient api, TestUser owner, string conversation)
    {
        var c = await api.GetAsync($"/api/v1/messaging/conversations/{conversation}", owner);
        var messages = await api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?limit=100", owner);
        c!.AsObject().Remove("participant_details");
        return c.ToJsonString() + messages!.ToJsonString();
    }
}

public sealed class AuthorizationTestsOnSqlite(SqliteAppFixture app) : AuthorizationTests(app), IClassFixture<SqliteAppFixture>;

public sealed class AuthorizationTestsOnPostgres(PostgresAppFixture app) : AuthorizationTests(app), IClassFixture<PostgresAppFixture>;
