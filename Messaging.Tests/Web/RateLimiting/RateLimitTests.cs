using System.Net;
using System.Text.Json.Nodes;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.RateLimiting;

/// <summary>
/// Rate limits through the HTTP API, on both providers. The host trusts loopback as a proxy, so each test can speak
/// from its own client address with <c>X-Forwarded-For</c>.
/// </summary>
public abstract class RateLimitTests(AppFixture app)
{
    [Fact]
    public async Task Login_ThirtyFailuresForOneAccountFromOneAddress_TooManyRequestsButOwnerSignsInFromAnotherAddress()
    {
        using var setup = app.Host.CreateApi();
        var owner = await setup.RegisterAsync("Owner");
        using var attacker = ClientFrom(RandomAddress());

        for (var i = 0; i < 30; i++)
        {
            using var failed = await attacker.SendAsync(HttpMethod.Post, "/api/v1/auth/login", body: new { email = owner.Email, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var refused = await attacker.SendAsync(HttpMethod.Post, "/api/v1/auth/login", body: new { email = owner.Email, password = owner.Password }, language: "ar");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("rate_limited", problem!["code"]!.GetValue<string>());
        Assert.Contains("محاولات كثيرة", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // The owner, elsewhere, is not locked out by the flood.
        using var ownerClient = ClientFrom(RandomAddress());
        await ownerClient.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/auth/login", body: new { email = owner.Email, password = owner.Password });
    }

    [Fact]
    public async Task Send_MoreThanThreeHundredByOneUserInAMinute_TooManyRequestsWithRetryAfter()
    {
        using var api = ClientFrom(RandomAddress());
        var alice = await api.CreateVerifiedUserAsync("Alice Sender");
        var bob = await api.CreateVerifiedUserAsync("Bob Receiver");
        var conversation = await api.CreateDirectAsync(alice, bob);
        var path = $"/api/v1/messaging/conversations/{conversation}/messages";

        for (var i = 0; i < 300; i++)
        {
            using var sent = await api.SendAsync(HttpMethod.Post, path, alice, new { content = $"message {i}" });
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }

        using var refused = await api.SendAsync(HttpMethod.Post, path, alice, new { content = "one too many" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await refused.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("rate_limited", problem!["code"]!.GetValue<string>());
        // Bob's budget is his own.
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, path, bob, new { content = "still fine" });
    }

    [Fact]
    public async Task Register_PastTheAddressBudget_TooManyRequests()
    {
        using var api = ClientFrom(RandomAddress());
        for (var i = 0; i < 5; i++)
        {
            await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
                body: new { email = $"flood.{Guid.NewGuid():N}@tests.local", password = "password-123", name = "Flood" });
        }

        using var refused = await api.SendAsync(HttpMethod.Post, "/api/v1/auth/register",
            body: new { email = $"flood.{Guid.NewGuid():N}@tests.local", password = "password-123", name = "Flood" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        using var other = ClientFrom(RandomAddress());
        await other.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register",
            body: new { email = $"other.{Guid.NewGuid():N}@tests.local", password = "password-123", name = "Other" });
    }

    [Fact]
    public async Task SearchAndDirectory_PastTheUserBudget_TooManyRequests()
    {
        using var api = ClientFrom(RandomAddress());
        var alice = await api.CreateVerifiedUserAsync("Alice Searcher");

        for (var i = 0; i < 5; i++)
        {
            await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, i % 2 == 0 ? "/api/v1/messaging/search?query=hello" : "/api/v1/users?query=ali", alice);
        }

        var problem = await api.ExpectAsync(HttpStatusCode.TooManyRequests, HttpMethod.Get, "/api/v1/users?query=ali", alice);
        Assert.Equal("rate_limited", problem!["code"]!.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.TooManyRequests, HttpMethod.Get, "/api/v1/messaging/search?query=hello", alice);
    }

    [Fact]
    public async Task Upload_PastTheUserBudget_TooManyRequestsWithRetryAfterAndLocalizedProblem()
    {
        using var api = ClientFrom(RandomAddress());
        var alice = await api.CreateVerifiedUserAsync("Alice Uploader");
        var bob = await api.CreateVerifiedUserAsync("Bob Gets Files");
        var conversation = await api.CreateDirectAsync(alice, bob);

        for (var i = 0; i < 3; i++)
        {
            await api.UploadOkAsync(alice, conversation, System.Text.Encoding.ASCII.GetBytes($"file {i}"), $"file{i}.txt");
        }

        using var refused = await api.UploadAsync(alice, conversation, System.Text.Encoding.ASCII.GetBytes("one too many"), "more.txt", "text/plain", language: "ar");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await refused.Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("rate_limited", problem!["code"]!.GetValue<string>());
        Assert.Contains("محاولات كثيرة", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // Bob's budget is his own.
        await api.UploadOkAsync(bob, conversation, System.Text.Encoding.ASCII.GetBytes("still fine"), "bob.txt");
    }

    internal static string RandomAddress() => $"198.18.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    private ApiClient ClientFrom(string address)
    {
        var client = new ApiClient(app.Host.BaseAddress);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}

/// <summary>Loopback is the trusted proxy; Register, Search and Upload budgets small enough to reach; SignIn and Send at their defaults.</summary>
public abstract class RateLimitFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8",
        ["Messaging:ForwardedHeaders:KnownNetworks:1"] = "::1/128",
        ["Messaging:RateLimits:Register:PermitLimit"] = "5",
        ["Messaging:RateLimits:Search:PermitLimit"] = "5",
        ["Messaging:RateLimits:Upload:PermitLimit"] = "3",
    };
}

public sealed class SqliteRateLimitFixture : RateLimitFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresRateLimitFixture : RateLimitFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class RateLimitTestsOnSqlite(SqliteRateLimitFixture app) : RateLimitTests(app), IClassFixture<SqliteRateLimitFixture>;

public sealed class RateLimitTestsOnPostgres(PostgresRateLimitFixture app) : RateLimitTests(app), IClassFixture<PostgresRateLimitFixture>;
