using System.Net;
using System.Security.Cryptography;
using System.Text;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Accounts;

/// <summary>Refresh token families, logout and the sessions list (API.md "Sessions"), on both providers.</summary>
public abstract class SessionApiTests(AppFixture app)
{
    [Fact]
    public async Task Login_NewSession_AccessTokenAtMost15MinutesAndRefreshTokenStoredOnlyAsHash()
    {
        using var api = app.Host.CreateApi();
        var user = await api.RegisterAsync("Hash Holder");

        var tokens = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/auth/login", body: new { email = user.Email, password = user.Password });

        Assert.InRange(tokens!["expires_in"]!.GetValue<long>(), 1, 900);
        var refresh = tokens["refresh_token"]!.GetValue<string>();
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refresh)));
        Assert.True(await db.RefreshTokens.AnyAsync(t => t.TokenHash == hash));
        Assert.False(await db.RefreshTokens.AnyAsync(t => t.TokenHash == refresh));
        Assert.True(Base64UrlLength(refresh) >= 32, "a refresh token carries at least 256 random bits");
    }

    [Fact]
    public async Task Refresh_UsedTokenPresentedAgain_Is401AndEndsTheWholeFamily()
    {
        using var api = app.Host.CreateApi();
        var user = await api.RegisterAsync("Token Thief Victim");

        var first = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = user.RefreshToken });
        var rotated = first!["refresh_token"]!.GetValue<string>();
        var current = user with { AccessToken = first["access_token"]!.GetValue<string>(), RefreshToken = rotated };
        Assert.NotEqual(user.RefreshToken, rotated);
        await api.GetAsync("/api/v1/users/me", current);

        // The old token again: someone holds a copy. Both copies' family ends.
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = user.RefreshToken });

        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = rotated });
        await AccessAssertions.ExpectRejectedWithinAsync(api, current);
        await AccessAssertions.ExpectRejectedWithinAsync(api, user);
    }

    [Fact]
    public async Task Logout_RefreshToken_EndsThatSessionOnly()
    {
        using var api = app.Host.CreateApi();
        var phone = await api.RegisterAsync("Two Devices");
        var laptop = await api.LoginAsync(phone.Email, phone.Password);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/auth/logout", body: new { refresh_token = phone.RefreshToken });

        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = phone.RefreshToken });
        await AccessAssertions.ExpectRejectedWithinAsync(api, phone);
        await api.GetAsync("/api/v1/users/me", laptop);
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = laptop.RefreshToken });
        // Unknown tokens change nothing and reveal nothing.
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/auth/logout", body: new { refresh_token = "unknown" });
    }

    [Fact]
    public async Task LogoutAll_TwoSessions_EndsBoth()
    {
        using var api = app.Host.CreateApi();
        var phone = await api.RegisterAsync("Everywhere");
        var laptop = await api.LoginAsync(phone.Email, phone.Password);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/auth/logout_all", phone);

        await AccessAssertions.ExpectRejectedWithinAsync(api, phone);
        await AccessAssertions.ExpectRejectedWithinAsync(api, laptop);
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = phone.RefreshToken });
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = laptop.RefreshToken });
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/logout_all");
    }

    [Fact]
    public async Task Sessions_ListAndEndAnother_OtherStopsCurrentMarkedStrangersSessionIsNotFound()
    {
        using var api = app.Host.CreateApi();
        var phone = await api.RegisterAsync("Session Lister");
        var laptop = await api.LoginAsync(phone.Email, phone.Password);
        var stranger = await api.RegisterAsync("Session Stranger");

        var list = (await api.GetAsync("/api/v1/users/me/sessions", laptop))!.AsArray();

        Assert.Equal(2, list.Count);
        var current = Assert.Single(list, s => s!["current"]!.GetValue<bool>());
        var other = Assert.Single(list, s => !s!["current"]!.GetValue<bool>());
        foreach (var field in new[] { "session_id", "created_at", "last_used_at", "user_agent", "ip", "current" })
        {
            Assert.True(current!.AsObject().ContainsKey(field), field);
        }

        var otherId = other!["session_id"]!.GetValue<string>();
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/api/v1/users/me/sessions/{otherId}", stranger);
        await api.GetAsync("/api/v1/users/me", phone);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/users/me/sessions/{otherId}", laptop);

        await AccessAssertions.ExpectRejectedWithinAsync(api, phone);
        await api.GetAsync("/api/v1/users/me", laptop);
        Assert.Single((await api.GetAsync("/api/v1/users/me/sessions", laptop))!.AsArray());
    }

    [Fact]
    public async Task Reject_VerifiedUser_TokensStopAndRefreshFails()
    {
        using var api = app.Host.CreateApi();
        var user = await api.CreateVerifiedUserAsync("Withdrawn Person");
        var admin = await api.LoginAdminAsync();

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{user.Id}/reject", admin);

        await AccessAssertions.ExpectRejectedWithinAsync(api, user);
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = user.RefreshToken });
    }

    private static int Base64UrlLength(string token) => token.Length * 3 / 4;
}

public sealed class SessionApiTestsOnSqlite(SqliteAppFixture app) : SessionApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class SessionApiTestsOnPostgres(PostgresAppFixture app) : SessionApiTests(app), IClassFixture<PostgresAppFixture>;
