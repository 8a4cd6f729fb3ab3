using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Retention;

/// <summary>A group's retention through <c>PATCH /conversations/{id}</c> (<c>retention_days</c>), on both providers.</summary>
public abstract class RetentionApiTests(AppFixture app)
{
    private static string Conversation(string id) => $"/api/v1/messaging/conversations/{id}";

    [Fact]
    public async Task GroupAdmin_SetsAndClearsRetention_EveryoneSeesIt_AndASystemLineRecordsIt()
    {
        using var api = app.Host.CreateApi();
        var admin = await api.CreateVerifiedUserAsync("Admin Retention");
        var member = await api.CreateVerifiedUserAsync("Member Retention");
        var group = await api.CreateGroupAsync(admin, "Short-lived", member);
        var before = await api.GetAsync(Conversation(group), member);
        var systemLines = await SystemLinesAsync(api, group, member);
        Assert.Null(before!["retention_days"]);
        Assert.Null(before["effective_retention_days"]);

        var set = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Conversation(group), admin, new { retention_days = 7 });

        Assert.Equal(7, set!["retention_days"]!.GetValue<int>());
        Assert.Equal(7, set["effective_retention_days"]!.GetValue<int>());
        Assert.Equal("Short-lived", set["title"]!.GetValue<string>());
        Assert.Equal(7, (await api.GetAsync(Conversation(group), member))!["effective_retention_days"]!.GetValue<int>());
        Assert.Equal(systemLines + 1, await SystemLinesAsync(api, group, member));

        // Renaming alone leaves the period; an explicit null returns to the deployment's default (off here).
        var renamed = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Conversation(group), admin, new { title = "Still short-lived" });
        Assert.Equal(7, renamed!["retention_days"]!.GetValue<int>());
        var cleared = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, Conversation(group), admin, new Dictionary<string, object?> { ["retention_days"] = null });
        Assert.Null(cleared!["retention_days"]);
        Assert.Null(cleared["effective_retention_days"]);
        Assert.Equal("Still short-lived", cleared["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refusals_MemberDirectAndBadValues_AreClearLocalizedErrors()
    {
        using var api = app.Host.CreateApi();
        var admin = await api.CreateVerifiedUserAsync("Admin Refusals");
        var member = await api.CreateVerifiedUserAsync("Member Refusals");
        var group = await api.CreateGroupAsync(admin, "Rules", member);
        var direct = await api.CreateDirectAsync(admin, member);

        var byMember = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Patch, Conversation(group), member, new { retention_days = 1 });
        Assert.Equal("not_group_admin", byMember!["code"]!.GetValue<string>());
        var inDirect = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, Conversation(direct), admin, new { retention_days = 1 });
        Assert.Equal("direct_conversation_is_fixed", inDirect!["code"]!.GetValue<string>());
        foreach (object bad in new object[] { -1, 36501, "seven", 1.5 })
        {
            var refused = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, Conversation(group), admin, new { retention_days = bad }, language: "ar");
            Assert.Equal("validation_failed", refused!["code"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(refused["detail"]!.GetValue<string>()));
        }

        Assert.Null((await api.GetAsync(Conversation(group), admin))!["retention_days"]);
    }

    private static async Task<int> SystemLinesAsync(ApiClient api, string group, TestUser user) =>
        (await api.GetAsync($"{Conversation(group)}/messages", user))!.AsArray().Count(m => m!["message_type"]!.GetValue<string>() == "system");
}

public sealed class RetentionApiTestsOnSqlite(SqliteAppFixture app) : RetentionApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class RetentionApiTestsOnPostgres(PostgresAppFixture app) : RetentionApiTests(app), IClassFixture<PostgresAppFixture>;
