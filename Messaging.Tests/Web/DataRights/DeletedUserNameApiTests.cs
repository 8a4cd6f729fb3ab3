using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.DataRights;

/// <summary>
/// A deleted account shows as "Deleted user" (in the reader's language) outside the chat too: search results and the
/// administrators' users list, through the one rule the chat uses (<c>DeletedAccount.NameOf</c>). Both providers.
/// </summary>
public abstract class DeletedUserNameApiTests(AppFixture app)
{
    [Fact]
    public async Task SearchResults_And_AdminUsersList_ShowDeletedUser_NotAnEmptyName()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Vanishing");
        var omar = await api.CreateVerifiedUserAsync("Omar Remaining");
        var direct = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, direct, "pomegranate harvest next week");
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/v1/users/me", sara, new { password = sara.Password });

        var english = (await api.GetAsync("/api/v1/messaging/search?query=pomegranate", omar))!.AsArray();
        Assert.Equal("Deleted user", english.Single()!["sender_name"]!.GetValue<string>());
        var arabic = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "/api/v1/messaging/search?query=pomegranate", omar, language: "ar");
        Assert.Equal("مستخدم محذوف", arabic!.AsArray().Single()!["sender_name"]!.GetValue<string>());

        var admin = await api.LoginAdminAsync();
        var listed = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"/api/v1/admin/users?query=deleted-{sara.Id:N}", admin, language: "ar");
        var item = listed!["items"]!.AsArray().Single(u => u!["user_id"]!.GetValue<string>() == sara.Id.ToString())!;
        Assert.Equal("مستخدم محذوف", item["name"]!.GetValue<string>());
        var englishList = await api.GetAsync($"/api/v1/admin/users?query=deleted-{sara.Id:N}", admin);
        Assert.Equal("Deleted user", englishList!["items"]!.AsArray().Single()!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task DirectPartnerDeletesAccount_TheOtherPersonHearsItLive_AsAnInactiveConversationWithDeletedUser()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Going");
        var omar = await api.CreateVerifiedUserAsync("Omar Staying");
        var outsider = await api.CreateVerifiedUserAsync("Outsider Unaffected");
        var direct = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, direct, "see you");
        Assert.True((await api.GetAsync($"/api/v1/messaging/conversations/{direct}", omar))!["is_active"]!.GetValue<bool>());
        await using var omarClient = await HubClient.ConnectAsync(app.Host, omar);
        await using var outsiderClient = await HubClient.ConnectAsync(app.Host, outsider);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/v1/users/me", sara, new { password = sara.Password });

        var updated = (await omarClient.WaitForAsync("conversation_updated", p => !p.GetProperty("conversation").GetProperty("is_active").GetBoolean()))
            .GetProperty("conversation");
        Assert.Equal(direct, updated.GetProperty("id").GetString());
        var partner = updated.GetProperty("participant_details").EnumerateArray().Single(p => p.GetProperty("user_id").GetString() == sara.Id.ToString());
        Assert.Equal("Deleted user", partner.GetProperty("name").GetString());
        Assert.Equal(0, outsiderClient.Count("conversation_updated"));
        Assert.False((await api.GetAsync($"/api/v1/messaging/conversations/{direct}", omar))!["is_active"]!.GetValue<bool>());
    }
}

public sealed class DeletedUserNameApiTestsOnSqlite(SqliteAppFixture app) : DeletedUserNameApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class DeletedUserNameApiTestsOnPostgres(PostgresAppFixture app) : DeletedUserNameApiTests(app), IClassFixture<PostgresAppFixture>;
