using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Search;

public abstract class SearchApiTests(AppFixture app)
{
    [Fact]
    public async Task Search_ArabicSpellingVariants_FindTheSameMessages()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "اجتماع المدرسة غداً مع أحمد");
        await api.SendMessageAsync(omar, id, "Café meeting moved");

        var arabic = (await api.GetAsync("/api/v1/messaging/search?query=" + Uri.EscapeDataString("مدرسه احمد"[..5]), omar))!.AsArray();
        Assert.Single(arabic);
        Assert.Contains("<mark>", arabic[0]!["highlight"]!.GetValue<string>(), StringComparison.Ordinal);
        var alef = (await api.GetAsync("/api/v1/messaging/search?query=" + Uri.EscapeDataString("احمد"), omar))!.AsArray();
        Assert.Single(alef);
        var latin = (await api.GetAsync("/api/v1/messaging/search?query=CAFE", sara))!.AsArray();
        Assert.Equal("Café meeting moved", Assert.Single(latin)!["content"]!.GetValue<string>());
        Assert.Equal(id, latin[0]!["conversation_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_TooShortQuery_Is400_AndLimitIsClamped()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        for (var i = 0; i < 3; i++)
        {
            await api.SendMessageAsync(sara, id, $"budget item {i}");
        }

        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, "/api/v1/messaging/search?query=b", sara);
        Assert.Equal(3, (await api.GetAsync("/api/v1/messaging/search?query=budget&limit=500", sara))!.AsArray().Count);
        Assert.Single((await api.GetAsync("/api/v1/messaging/search?query=budget&limit=1", sara))!.AsArray());
        Assert.Equal(3, (await api.GetAsync($"/api/v1/messaging/search?query=budget&conversation_id={id}", sara))!.AsArray().Count);
    }
}

public sealed class SearchApiTestsOnSqlite(SqliteAppFixture app) : SearchApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class SearchApiTestsOnPostgres(PostgresAppFixture app) : SearchApiTests(app), IClassFixture<PostgresAppFixture>;
