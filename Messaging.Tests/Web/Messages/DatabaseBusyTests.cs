using System.Net;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Messaging.Tests.Web.Messages;

/// <summary>A pool of two (derived from MaxConnections 12 − 10 reserved), one second's wait: held full, the API answers 503.</summary>
public sealed class TinyPoolPostgresFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Messaging"] = ConnectionString + ";Timeout=1",
        ["Messaging:Database:MaxConnections"] = "12",
        ["Messaging:Database:ReservedConnections"] = "10",
    };
}

public sealed class DatabaseBusyTests(TinyPoolPostgresFixture app) : IClassFixture<TinyPoolPostgresFixture>
{
    [Fact]
    public async Task PoolExhausted_Answers503WithRetryAfterAndALocalizedProblem_Not500()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        string pooled;
        await using (var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync())
        {
            pooled = db.Database.GetConnectionString()!;
        }

        Assert.Equal(2, new NpgsqlConnectionStringBuilder(pooled).MaxPoolSize);

        // Take every connection of the node's pool (the same string is the same pool).
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var connection = new NpgsqlConnection(pooled);
                held.Add(connection);
                await connection.OpenAsync();
            }

            foreach (var language in new[] { "en", "ar" })
            {
                using var response = await api.SendAsync(HttpMethod.Post, $"/api/v1/messaging/conversations/{id}/messages", sara, new { content = "hello" }, language);
                var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
                Assert.Equal("server_busy", problem["code"]!.GetValue<string>());
                Assert.Equal(
                    language == "ar" ? "الخادم مشغول الآن. حاول مرة أخرى بعد بضع ثوانٍ." : "The server is busy. Try again in a few seconds.",
                    problem["detail"]!.GetValue<string>());
            }
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        // With the pool free again the same send goes through.
        await api.SendMessageAsync(sara, id, "hello");
    }
}
