using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Accounts;

/// <summary>Accounts, trust and settings through the HTTP API, on both providers.</summary>
public abstract class AccountApiTests(AppFixture app)
{
    [Fact]
    public async Task Register_InvalidInput_IsRejectedWithFieldErrors()
    {
        using var api = app.Host.CreateApi();
        var email = $"dup.{Guid.NewGuid():N}@tests.local";
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register", body: new { email, password = "password-1", name = "First" });

        var weak = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/auth/register", body: new { email = "new@tests.local", password = "short", name = "N" });
        Assert.Contains("password", weak!["errors"]!.AsObject().Select(e => e.Key));
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/auth/register", body: new { email = "not-an-email", password = "password-1", name = "N" });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/auth/register", body: new { email = "x@tests.local", password = "password-1", name = "" });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/auth/register", body: new { email = "y@tests.local", password = "password-1", name = "N", language = "fr" });
    }

    [Fact]
    public async Task Register_EmailAlreadyRegistered_AnswersLikeANewAccountAndChangesNothing()
    {
        using var api = app.Host.CreateApi();
        var owner = await api.RegisterAsync("Original Owner");
        var fresh = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
            body: new { email = $"fresh.{Guid.NewGuid():N}@tests.local", password = "password-1", name = "Probe" });

        var again = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
            body: new { email = owner.Email, password = "other-password-1", name = "Probe" });

        Assert.Equal(fresh!.AsObject().Select(p => p.Key).Order(), again!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("pending", again["verification_status"]!.GetValue<string>());
        Assert.NotEqual(owner.Id.ToString(), again["user_id"]!.GetValue<string>());
        // Nothing changed: the new password does not work, the owner's does, and the name is the owner's.
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/login", body: new { email = owner.Email, password = "other-password-1" });
        var me = await api.GetAsync("/api/v1/users/me", await api.LoginAsync(owner.Email, owner.Password));
        Assert.Equal("Original Owner", me!["name"]!.GetValue<string>());
        // A weak password is refused whether or not the email is taken.
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/api/v1/auth/register", body: new { email = owner.Email, password = "short", name = "Probe" });
    }

    [Fact]
    public async Task Register_NewUser_IsPendingAndCannotStartConversations()
    {
        using var api = app.Host.CreateApi();
        var pending = await api.RegisterAsync("Pending");
        var verified = await api.CreateVerifiedUserAsync("Verified");

        var me = await api.GetAsync("/api/v1/users/me", pending);
        Assert.Equal("pending", me!["verification_status"]!.GetValue<string>());
        var problem = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/v1/messaging/conversations", pending,
            new { conversation_type = "direct", participant_ids = new[] { verified.Id } });
        Assert.Equal("not_verified", problem!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Login_UnknownEmailOrWrongPassword_LooksTheSame()
    {
        using var api = app.Host.CreateApi();
        var user = await api.RegisterAsync("Someone");

        var wrong = await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/login", body: new { email = user.Email, password = "nope-nope" });
        var unknown = await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/login", body: new { email = "nobody@tests.local", password = "nope-nope" });
        Assert.Equal(wrong!["detail"]!.GetValue<string>(), unknown!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refresh_ValidToken_IssuesWorkingTokens_InRfc6749Shape()
    {
        using var api = app.Host.CreateApi();
        var user = await api.RegisterAsync("Refresher");

        var tokens = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = user.RefreshToken });
        Assert.Equal("Bearer", tokens!["token_type"]!.GetValue<string>());
        Assert.True(tokens["expires_in"]!.GetValue<long>() > 0);
        var refreshed = user with { AccessToken = tokens["access_token"]!.GetValue<string>() };
        Assert.Equal(user.Id.ToString(), (await api.GetAsync("/api/v1/users/me", refreshed))!["user_id"]!.GetValue<string>());

        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = "garbage" });
        // An access token is not a refresh token.
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = user.AccessToken });
    }

    [Fact]
    public async Task UpdateProfile_ValidAndInvalidValues()
    {
        using var api = app.Host.CreateApi();
        var user = await api.CreateVerifiedUserAsync("Before");

        var updated = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, "/api/v1/users/me", user,
            new { name = "After", language = "ar", avatar_url = "" });
        Assert.Equal("After", updated!["name"]!.GetValue<string>());
        Assert.Equal("ar", updated["language"]!.GetValue<string>());

        Assert.Null(updated["avatar_url"]);
        // Avatars are uploaded (PUT /users/me/avatar), never linked: any avatar_url but "" (remove) is refused.
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, "/api/v1/users/me", user, new { avatar_url = "javascript:alert(1)" });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, "/api/v1/users/me", user, new { avatar_url = "https://cdn.example/a.png" });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, "/api/v1/users/me", user, new { language = "xx" });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, "/api/v1/users/me", user, new { name = new string('n', 101) });
        Assert.Equal("After", (await api.GetAsync("/api/v1/users/me", user))!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Directory_FindsVerifiedUsersByPrefix_Only()
    {
        using var api = app.Host.CreateApi();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var me = await api.CreateVerifiedUserAsync($"Zed{tag}");
        var match = await api.CreateVerifiedUserAsync($"Nour{tag} Haddad");
        await api.RegisterAsync($"Nour{tag} Pending");

        var byName = (await api.GetAsync($"/api/v1/users?query=nour{tag}", me))!.AsArray();
        Assert.Equal([match.Id], byName.Select(u => u!["user_id"]!.GetValue<Guid>()));
        var bySecondWord = (await api.GetAsync("/api/v1/users?query=hadd", me))!.AsArray();
        Assert.Contains(bySecondWord, u => u!["user_id"]!.GetValue<Guid>() == match.Id);
        Assert.DoesNotContain((await api.GetAsync($"/api/v1/users?query=zed{tag}", me))!.AsArray(), u => u!["user_id"]!.GetValue<Guid>() == me.Id);
    }

    [Fact]
    public async Task Settings_RoundTrip_AndRejectUnknownValues()
    {
        using var api = app.Host.CreateApi();
        var user = await api.CreateVerifiedUserAsync("Settings");

        var defaults = await api.GetAsync("/api/v1/messaging/settings", user);
        Assert.Equal("anyone", defaults!["allow_messages_from"]!.GetValue<string>());
        Assert.False(defaults["auto_accept_group_invites"]!.GetValue<bool>());

        var updated = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", user,
            new { email_notifications = false, allow_messages_from = "verified_only", language = "ar" });
        Assert.False(updated!["email_notifications"]!.GetValue<bool>());
        Assert.True(updated["push_notifications"]!.GetValue<bool>());
        Assert.Equal("verified_only", updated["allow_messages_from"]!.GetValue<string>());

        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, "/api/v1/messaging/settings", user, new { allow_messages_from = "everybody" });
        Assert.Equal("verified_only", (await api.GetAsync("/api/v1/messaging/settings", user))!["allow_messages_from"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConnectionsOnly_RefusesStrangers_AllowsContacts()
    {
        using var api = app.Host.CreateApi();
        var picky = await api.CreateVerifiedUserAsync("Picky");
        var stranger = await api.CreateVerifiedUserAsync("Stranger");
        var friend = await api.CreateVerifiedUserAsync("Friend");
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", picky, new { allow_messages_from = "connections_only" });
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/contacts/{friend.Id}", picky);

        var refused = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/v1/messaging/conversations", stranger,
            new { conversation_type = "direct", participant_ids = new[] { picky.Id } });
        Assert.Equal("recipient_refuses_messages", refused!["code"]!.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/v1/messaging/conversations", stranger,
            new { conversation_type = "group", participant_ids = new[] { picky.Id, friend.Id }, title = "sneaky" });
        await api.CreateDirectAsync(friend, picky);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/contacts/{friend.Id}", picky);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"/api/v1/contacts/{Guid.NewGuid()}", picky);
    }

    [Fact]
    public async Task Block_StopsNewConversationsAndDirectMessages_UnblockRestores()
    {
        using var api = app.Host.CreateApi();
        var blocker = await api.CreateVerifiedUserAsync("Blocker");
        var pest = await api.CreateVerifiedUserAsync("Pest");
        var other = await api.CreateVerifiedUserAsync("Other");
        var id = await api.CreateDirectAsync(pest, blocker);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/users/{pest.Id}/block", blocker);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/users/{pest.Id}/block", blocker);

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/messaging/conversations/{id}/messages", pest, new { content = "hey" });
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/v1/messaging/conversations", pest,
            new { conversation_type = "group", participant_ids = new[] { blocker.Id, other.Id }, title = "g" });
        var group = await api.CreateGroupAsync(other, "Team", pest);
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"/api/v1/messaging/conversations/{group}/participants", pest,
            new { user_ids = new[] { blocker.Id } });
        Assert.Empty((await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", blocker))!.AsArray());
        Assert.DoesNotContain((await api.GetAsync("/api/v1/users?query=blocker", pest))!.AsArray(), u => u!["user_id"]!.GetValue<Guid>() == blocker.Id);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/users/{pest.Id}/block", blocker);
        await api.SendMessageAsync(pest, id, "sorry");
    }
}

public sealed class AccountApiTestsOnSqlite(SqliteAppFixture app) : AccountApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class AccountApiTestsOnPostgres(PostgresAppFixture app) : AccountApiTests(app), IClassFixture<PostgresAppFixture>;
