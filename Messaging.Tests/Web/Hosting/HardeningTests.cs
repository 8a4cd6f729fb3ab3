using System.Net;
using Messaging.Tests.TestInfrastructure;
using Messaging.Tests.Web.RateLimiting;

namespace Messaging.Tests.Web.Hosting;

/// <summary>Deployment hardening seen from outside, on both providers: headers, cookies, origins, proxies, the seeded administrator.</summary>
public abstract class HardeningTests(AppFixture app)
{
    [Fact]
    public async Task HtmlPage_Always_CarriesSecurityHeaders()
    {
        using var api = app.Host.CreateApi();

        using var page = await api.Http.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
        var nonce = csp.Split("'nonce-")[1].Split("'")[0];
        Assert.Contains($"nonce=\"{nonce}\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", page.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task BlazorHub_ForeignOrigin_IsRefused()
    {
        using var api = app.Host.CreateApi();
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", app.Host.BaseAddress.GetLeftPart(UriPartial.Authority));

        using var refused = await api.Http.SendAsync(foreign);
        using var accepted = await api.Http.SendAsync(own);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Login_SpoofedForwardedForWithoutTrustedProxy_StillCountsAgainstTheRealAddress()
    {
        using var setup = app.Host.CreateApi();
        var owner = await setup.RegisterAsync("Spoof Target");

        for (var i = 0; i < 30; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { email = owner.Email, password = "wrong-password" }),
            };
            request.Headers.Add("X-Forwarded-For", RateLimitTests.RandomAddress());
            using var failed = await setup.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        await setup.ExpectAsync(HttpStatusCode.TooManyRequests, HttpMethod.Post, "/api/v1/auth/login", body: new { email = owner.Email, password = owner.Password });
    }

    [Fact]
    public async Task AdminSeeder_ConfiguredEmailOfExistingNonAdmin_LeavesTheAccountAlone()
    {
        using var api = app.Host.CreateApi();
        var squatter = await api.RegisterAsync("Early Bird");
        var directory = Directory.CreateTempSubdirectory("messaging-test-").FullName;

        await using (var restarted = MessagingHost.Start(app.Provider, app.ConnectionString, directory, extra: new Dictionary<string, string?>
        {
            ["Messaging:Admin:Email"] = squatter.Email,
            ["Messaging:Admin:Password"] = "configured-admin-password",
        }))
        {
            using var other = restarted.CreateApi();
            var me = await other.GetAsync("/api/v1/users/me", await other.LoginAsync(squatter.Email, squatter.Password));
            Assert.DoesNotContain("admin", me!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Equal("pending", me["verification_status"]!.GetValue<string>());
            await other.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/login",
                body: new { email = squatter.Email, password = "configured-admin-password" });
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task OutsideDevelopment_PlainHttpRedirectsToHttps_AndHttpsAnswersCarryHsts()
    {
        var directory = Directory.CreateTempSubdirectory("messaging-test-").FullName;
        await using (var host = MessagingHost.Start(app.Provider, app.ConnectionString, directory, extra: new Dictionary<string, string?>
        {
            // The port the proxy serves HTTPS on; the proxy (loopback here) says which scheme the browser used.
            ["https_port"] = "8443",
            ["Messaging:ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8",
            ["Messaging:ForwardedHeaders:KnownNetworks:1"] = "::1/128",
        }))
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = host.BaseAddress };

            using var plain = await http.GetAsync("/account/login");
            Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
            Assert.Equal("https", plain.Headers.Location!.Scheme);
            Assert.Equal(8443, plain.Headers.Location.Port);
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"));

            using var secure = new HttpRequestMessage(HttpMethod.Get, "/account/login");
            secure.Headers.Add("X-Forwarded-Proto", "https");
            secure.Headers.Add("X-Forwarded-Host", "messaging.example");
            using var answer = await http.SendAsync(secure);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("max-age=", answer.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Cookies_OutsideDevelopment_AreSecure()
    {
        var directory = Directory.CreateTempSubdirectory("messaging-test-").FullName;
        await using (var host = MessagingHost.Start(app.Provider, app.ConnectionString, directory, extra: new Dictionary<string, string?>
        {
            ["Messaging:Cookies:RequireSecure"] = null,
        }))
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            using var page = await http.GetAsync("/account/login");
            var cookies = page.Headers.GetValues("Set-Cookie").ToList();
            Assert.NotEmpty(cookies);
            Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        }

        Directory.Delete(directory, recursive: true);
    }
}

public sealed class HardeningTestsOnSqlite(SqliteAppFixture app) : HardeningTests(app), IClassFixture<SqliteAppFixture>;

public sealed class HardeningTestsOnPostgres(PostgresAppFixture app) : HardeningTests(app), IClassFixture<PostgresAppFixture>;
