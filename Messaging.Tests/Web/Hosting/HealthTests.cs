using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

public abstract class HealthTests(AppFixture app)
{
    [Fact]
    public async Task Health_ProcessUp_Returns200()
    {
        using var api = app.Host.CreateApi();
        using var response = await api.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReady_DatabaseReachable_Returns200()
    {
        using var api = app.Host.CreateApi();
        using var response = await api.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class HealthTestsOnSqlite(SqliteAppFixture app) : HealthTests(app), IClassFixture<SqliteAppFixture>;

public sealed class HealthTestsOnPostgres(PostgresAppFixture app) : HealthTests(app), IClassFixture<PostgresAppFixture>;
