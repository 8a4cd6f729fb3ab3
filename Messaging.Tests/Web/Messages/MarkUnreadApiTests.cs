using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Messages;

/// <summary>"Mark unread" through the HTTP API, on both providers.</summary>
public abstract class MarkUnreadApiTests(AppFixture app)
{
    private static string Messages(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/messages";

    [Fact]
    public async Task MarkUnread_MovesTheReadPointerBeforeTheMessage_UnreadCountCountsFromIt()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Unread");
        var omar = await api.CreateVerifiedUserAsync("Omar Unread");
        var karim = await api.CreateVerifiedUserAsync("Karim Unread");
        var id = await api.CreateDirectAsync(sara, omar);
        var ids = new List<string>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            ids.Add((await api.SendMessageAsync(sara, id, text))["id"]!.GetValue<string>());
        }

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(id)}/{ids[2]}/read", omar);
        Assert.Equal(0, (await api.GetAsync($"/api/v1/messaging/conversations/{id}", omar))!["unread_count"]!.GetValue<int>());

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(id)}/{ids[1]}/unread", omar);

        Assert.Equal(2, (await api.GetAsync($"/api/v1/messaging/conversations/{id}", omar))!["unread_count"]!.GetValue<int>());
        var listed = (await api.GetAsync("/api/v1/messaging/conversations", omar))!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(2, listed["unread_count"]!.GetValue<int>());

        // Reading again works as before; one's own messages and outsiders are refused.
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, $"{Messages(id)}/{ids[0]}/unread", sara);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{Messages(id)}/{ids[0]}/unread", karim);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, $"{Messages(id)}/{Guid.NewGuid()}/unread", omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(id)}/{ids[2]}/read", omar);
        Assert.Equal(0, (await api.GetAsync($"/api/v1/messaging/conversations/{id}", omar))!["unread_count"]!.GetValue<int>());
    }
}

public sealed class MarkUnreadApiTestsOnSqlite(SqliteAppFixture app) : MarkUnreadApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class MarkUnreadApiTestsOnPostgres(PostgresAppFixture app) : MarkUnreadApiTests(app), IClassFixture<PostgresAppFixture>;
