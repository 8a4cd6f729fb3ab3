using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.DataRights;

/// <summary>"Delete my account" through the HTTP API, on both providers: what the others see, and that nothing of the account still works.</summary>
public abstract class DeleteAccountApiTests(AppFixture app)
{
    private static string Messages(string id) => $"/api/v1/messaging/conversations/{id}/messages";

    [Fact]
    public async Task Delete_WrongPassword_RefusedWithLocalizedError_AndNothingChanges()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");

        var refused = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Delete, "/api/v1/users/me", sara, new { password = "not-it" }, language: "ar");
        Assert.Equal("wrong_password", refused!["code"]!.GetValue<string>());
        Assert.Contains("كلمة المرور", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal("Sara", (await api.GetAsync("/api/v1/users/me", sara))!["name"]!.GetValue<string>());
        await api.LoginAsync(sara.Email, sara.Password);
    }

    [Fact]
    public async Task Delete_OthersSeeDeletedUser_GroupKeepsAnAdmin_FilesGone_AndTheAccountNoLongerWorks()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Deleting");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var karim = await api.CreateVerifiedUserAsync("Karim");
        var direct = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, direct, "here are the minutes");
        var file = await api.UploadOkAsync(sara, direct, "minutes of the meeting\n"u8.ToArray(), "minutes.txt");
        var fileId = file["id"]!.GetValue<string>();
        await api.SendMessageAsync(sara, direct, "", new { attachments = new[] { fileId } });
        var group = await api.CreateGroupAsync(sara, "Book club", omar, karim);
        await api.AcceptAsync(omar, group);
        await api.AcceptAsync(karim, group);
        await api.SendMessageAsync(sara, group, "next book: Season of Migration to the North");
        Assert.Equal(HttpStatusCode.OK, (await api.DownloadAsync(omar, $"/api/v1/messaging/attachments/{fileId}")).StatusCode);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, "/api/v1/users/me", sara, new { password = sara.Password });

        // Her messages stay, under "Deleted user" in each reader's language.
        var seen = (await api.GetAsync(Messages(direct), omar))!.AsArray();
        var minutes = seen.Single(m => m!["content"]!.GetValue<string>() == "here are the minutes");
        Assert.Equal("Deleted user", minutes!["sender_name"]!.GetValue<string>());
        var arabic = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, Messages(group), karim, language: "ar");
        var book = arabic!.AsArray().Single(m => m!["content"]!.GetValue<string>().StartsWith("next book", StringComparison.Ordinal));
        Assert.Equal("مستخدم محذوف", book!["sender_name"]!.GetValue<string>());

        // The group goes on without her, with an admin; her files are gone.
        var conversation = await api.GetAsync($"/api/v1/messaging/conversations/{group}", omar);
        var members = conversation!["participant_details"]!.AsArray();
        Assert.DoesNotContain(members, p => p!["user_id"]!.GetValue<string>() == sara.Id.ToString());
        Assert.Contains(members, p => p!["role"]!.GetValue<string>() == "admin");
        await api.SendMessageAsync(karim, group, "still here");
        Assert.Equal(HttpStatusCode.NotFound, (await api.DownloadAsync(omar, $"/api/v1/messaging/attachments/{fileId}")).StatusCode);

        // Nothing of the account works any more: tokens, refresh, password, people search.
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/api/v1/users/me", sara);
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/refresh", body: new { refresh_token = sara.RefreshToken });
        await api.ExpectAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/api/v1/auth/login", body: new { email = sara.Email, password = sara.Password });
        Assert.Empty((await api.GetAsync("/api/v1/users?query=Sara%20Deleting", omar))!.AsArray());
        Assert.Empty((await api.GetAsync($"/api/v1/users?query={Uri.EscapeDataString(sara.Email)}", omar))!.AsArray());

        // The address is free again: a new account can take it and sign in with it.
        await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register", body: new { email = sara.Email, password = "another-password-1", name = "Sara Again" });
        var again = await api.LoginAsync(sara.Email, "another-password-1");
        Assert.NotEqual(sara.Id, again.Id);
    }
}

public sealed class DeleteAccountApiTestsOnSqlite(SqliteAppFixture app) : DeleteAccountApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class DeleteAccountApiTestsOnPostgres(PostgresAppFixture app) : DeleteAccountApiTests(app), IClassFixture<PostgresAppFixture>;
