using System.Net;
using System.Text.Json.Nodes;
using Messaging.Core.Common;
using Messaging.Core.Operations.SystemStatus;
using Messaging.Tests.TestInfrastructure;
using Messaging.Tests.Web.Realtime;

namespace Messaging.Tests.Web.Admin;

/// <summary>
/// <c>GET /api/v1/admin/system</c> (the System page's data): administrators see the build, the migration level, each
/// dependency and this node; anyone else is refused, by the endpoint's role and again by Core.
/// </summary>
public abstract class SystemStatusApiTests(AppFixture app)
{
    [Fact]
    public async Task Admin_ReadsVersionDatabaseServicesJobsAndThisNode_WithoutSecrets()
    {
        using var api = app.Host.CreateApi();
        var admin = await api.LoginAdminAsync();

        var status = (await api.GetAsync("/api/v1/admin/system", admin))!;

        Assert.False(string.IsNullOrEmpty(status["version"]!.GetValue<string>()));
        Assert.Equal(app.Provider == Messaging.Core.Persistence.DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite", status["database"]!["provider"]!.GetValue<string>());
        Assert.True(status["database"]!["applied_migrations"]!.GetValue<int>() > 0);
        Assert.Equal(0, status["database"]!["pending_migrations"]!.GetValue<int>());
        var services = status["services"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["state"]!.GetValue<string>());
        Assert.Equal("healthy", services["database"]);
        Assert.Equal("not_configured", services["redis"]);
        Assert.Contains("smtp", services.Keys);
        Assert.Contains("object_store", services.Keys);
        Assert.Equal("healthy", status["jobs"]!["state"]!.GetValue<string>());
        var nodeId = status["node_id"]!.GetValue<string>();
        Assert.Contains(status["nodes"]!.AsArray(), n => n!["node_id"]!.GetValue<string>() == nodeId);
        // Nothing from the configuration's secrets: no connection string, no password.
        var text = status.ToJsonString();
        Assert.DoesNotContain("Password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(MessagingHost.AdminPassword, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdmin_RefusedByTheEndpointAndByCore()
    {
        using var api = app.Host.CreateApi();
        var person = await api.CreateVerifiedUserAsync("Curious About The System");

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Get, "/api/v1/admin/system", person);
        using (var anonymous = await api.Http.GetAsync(new Uri("/api/v1/admin/system", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var refused = await Assert.ThrowsAsync<MessagingException>(() => app.Host.Services.GetRequiredService<SystemOverviewReader>().ReadAsync(person.Id));
        Assert.Equal(ErrorCode.NotAllowed, refused.Code);
    }
}

public sealed class SystemStatusApiTestsOnSqlite(SqliteAppFixture app) : SystemStatusApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class SystemStatusApiTestsOnPostgres(PostgresAppFixture app) : SystemStatusApiTests(app), IClassFixture<PostgresAppFixture>;

/// <summary>Two nodes sharing Redis: each reports itself, so either one lists both, and Redis shows as healthy.</summary>
public sealed class SystemStatusTwoNodeTests(MultiNodeFixture nodes) : IClassFixture<MultiNodeFixture>
{
    [Fact]
    public async Task Admin_OnEitherNode_SeesBothNodes()
    {
        var admin = await nodes.ApiA.LoginAdminAsync();
        JsonNode fromB = null!;
        var fromA = await Eventually.ValueAsync("node A to list two nodes", async () =>
        {
            var a = (await nodes.ApiA.GetAsync("/api/v1/admin/system", admin))!;
            fromB = (await nodes.ApiB.GetAsync("/api/v1/admin/system", admin))!;
            return a;
        }, a => a["nodes"]!.AsArray().Count >= 2, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));

        var listed = fromA["nodes"]!.AsArray().Select(n => n!["node_id"]!.GetValue<string>()).ToList();
        Assert.Contains(fromA["node_id"]!.GetValue<string>(), listed);
        Assert.Contains(fromB["node_id"]!.GetValue<string>(), listed);
        Assert.NotEqual(fromA["node_id"]!.GetValue<string>(), fromB["node_id"]!.GetValue<string>());
        Assert.Contains(fromA["services"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "redis" && s["state"]!.GetValue<string>() == "healthy");
    }
}
