using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Messages;

/// <summary>
/// Many sends to one conversation at once through the API, on both providers (SQLite: the group-commit writer;
/// PostgreSQL: group-commit writers per conversation share): one message per client id, sequences without gaps, a bad send fails alone.
/// </summary>
public abstract class ConcurrentSendTests(AppFixture app)
{
    private static string Messages(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/messages";

    [Fact]
    public async Task ConcurrentSends_WithRetriesAndInvalidOnes_GaplessSequencesOneMessagePerClientId()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);

        // 30 client ids, each sent twice at once by the same sender, plus 6 replies to a message that does not exist.
        var calls = Enumerable.Range(0, 60).Select(async i =>
        {
            var n = i % 30;
            using var response = await api.SendAsync(HttpMethod.Post, Messages(id), n % 2 == 0 ? sara : omar, new { content = $"m{n}", client_message_id = $"c{n}" });
            var body = await response.Content.ReadAsStringAsync();
            return (n, response.StatusCode, Id: System.Text.Json.Nodes.JsonNode.Parse(body)!["id"]?.GetValue<string>());
        }).Concat(Enumerable.Range(0, 6).Select(async i =>
        {
            using var response = await api.SendAsync(HttpMethod.Post, Messages(id), sara, new { content = "reply", reply_to_message_id = Guid.NewGuid() });
            return (-1, response.StatusCode, Id: (string?)null);
        }));
        var results = await Task.WhenAll(calls);

        Assert.All(results.Where(r => r.Item1 < 0), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var sent = results.Where(r => r.Item1 >= 0).ToList();
        Assert.Equal(30, sent.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(sent, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.All(sent.GroupBy(r => r.Item1), g => Assert.Single(g.Select(r => r.Id).Distinct()));

        var stored = (await api.GetAsync($"{Messages(id)}?after_sequence=0&limit=100", omar))!.AsArray();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), stored.Select(m => m!["sequence"]!.GetValue<long>()));
        Assert.Equal(30, stored.Select(m => m!["client_message_id"]!.GetValue<string>()).Distinct().Count());
    }
}

public sealed class ConcurrentSendTestsOnSqlite(SqliteAppFixture app) : ConcurrentSendTests(app), IClassFixture<SqliteAppFixture>;

public sealed class ConcurrentSendTestsOnPostgres(PostgresAppFixture app) : ConcurrentSendTests(app), IClassFixture<PostgresAppFixture>;
