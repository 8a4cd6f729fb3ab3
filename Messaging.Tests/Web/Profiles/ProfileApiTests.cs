using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;
using SkiaSharp;

namespace Messaging.Tests.Web.Profiles;

/// <summary>Avatars through the API (docs/adr/0031-avatars-and-profile-cards.md), and profile changes reaching others live, on both databases.</summary>
public abstract class ProfileApiTests(AppFixture app)
{
    private const string MyAvatar = "/api/v1/users/me/avatar";

    [Fact]
    public async Task Avatar_UploadReplaceRemove_IsReEncodedAndServedToThoseWhoShareAConversation()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Avatar");
        var omar = await api.CreateVerifiedUserAsync("Omar Avatar");
        var stranger = await api.CreateVerifiedUserAsync("Stranger Avatar");
        var conversation = await api.CreateDirectAsync(sara, omar);

        var profile = await PutAvatarOkAsync(api, sara, TestFiles.JpegWithExifGps(), "me.jpg");
        var url = profile["avatar_url"]!.GetValue<string>();
        Assert.StartsWith($"/api/v1/users/{sara.Id}/avatar?v=", url, StringComparison.Ordinal);

        // The other participant sees it, re-encoded: a JPEG without the camera's metadata.
        using (var seen = await api.DownloadAsync(omar, url))
        {
            Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
            Assert.Equal("image/jpeg", seen.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", seen.Headers.GetValues("X-Content-Type-Options").Single());
            var bytes = await seen.Content.ReadAsByteArrayAsync();
            Assert.DoesNotContain(TestFiles.SecretPlace, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
            using var decoded = SKBitmap.Decode(bytes);
            Assert.NotNull(decoded);
        }

        var details = (await api.GetAsync($"/api/v1/messaging/conversations/{conversation}", omar))!["participant_details"]!.AsArray();
        Assert.Equal(url, details.Single(p => p!["user_id"]!.GetValue<Guid>() == sara.Id)!["avatar"]!.GetValue<string>());

        // Someone who shares nothing with Sara gets 404, as for an unknown id; adding her to one's contacts changes nothing.
        await ExpectStatusAsync(api, stranger, url, HttpStatusCode.NotFound);
        await ExpectStatusAsync(api, stranger, $"/api/v1/users/{Guid.NewGuid()}/avatar", HttpStatusCode.NotFound);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/contacts/{sara.Id}", stranger);
        await ExpectStatusAsync(api, stranger, url, HttpStatusCode.NotFound);
        // Sara adding the stranger to her contacts shows it to them.
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/contacts/{stranger.Id}", sara);
        await ExpectStatusAsync(api, stranger, url, HttpStatusCode.OK);

        // Replacing gives a new address (caches never show the old picture).
        var replaced = (await PutAvatarOkAsync(api, sara, TestFiles.Image(64, 64, SKEncodedImageFormat.Png), "new.png"))["avatar_url"]!.GetValue<string>();
        Assert.NotEqual(url, replaced);
        await ExpectStatusAsync(api, omar, replaced, HttpStatusCode.OK);

        // Blocking hides it from the blocked person.
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/users/{omar.Id}/block", sara);
        await ExpectStatusAsync(api, omar, replaced, HttpStatusCode.NotFound);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/users/{omar.Id}/block", sara);
        await ExpectStatusAsync(api, omar, replaced, HttpStatusCode.OK);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, MyAvatar, sara);
        Assert.Null((await api.GetAsync("/api/v1/users/me", sara))!["avatar_url"]);
        await ExpectStatusAsync(api, omar, replaced, HttpStatusCode.NotFound);
        await ExpectStatusAsync(api, sara, replaced, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Avatar_RefusesWhatIsNotAnAllowedImage_AndOutsideUrls()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Refused");

        var text = await PutAvatarAsync(api, sara, Encoding.UTF8.GetBytes("just some words"), "face.jpg", "image/jpeg", "ar");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.Status);
        Assert.Equal("file_type_not_allowed", text.Body!["code"]!.GetValue<string>());
        Assert.Equal("لا يمكن مشاركة هذا النوع من الملفات.", text.Body["detail"]!.GetValue<string>());

        var svg = await PutAvatarAsync(api, sara, Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "face.png", "image/png");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, svg.Status);
        var pdf = await PutAvatarAsync(api, sara, Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF"), "face.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, pdf.Status);

        // Larger than Messaging:Profiles:AvatarMaxBytes (5 MB by default): 413.
        var huge = new byte[(5 * 1024 * 1024) + 1];
        TestFiles.Image(8, 8, SKEncodedImageFormat.Jpeg).CopyTo(huge, 0);
        var tooLarge = await PutAvatarAsync(api, sara, huge, "big.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);

        // A picture is uploaded, never linked: an outside URL would tell its host who looks at the profile.
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, "/api/v1/users/me", sara, new { avatar_url = "https://cdn.example/a.png" });
        Assert.Null((await api.GetAsync("/api/v1/users/me", sara))!["avatar_url"]);
    }

    [Fact]
    public async Task ProfileChange_ReachesTheOtherParticipantLive_AsConversationUpdated()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Live");
        var omar = await api.CreateVerifiedUserAsync("Omar Live");
        var outsider = await api.CreateVerifiedUserAsync("Outsider Live");
        var conversation = await api.CreateDirectAsync(sara, omar);
        await using var omarClient = await HubClient.ConnectAsync(app.Host, omar);
        await using var outsiderClient = await HubClient.ConnectAsync(app.Host, outsider);

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, "/api/v1/users/me", sara, new { name = "سارة الجديدة" });
        bool Renamed(JsonElement p) => Sara(p).GetProperty("name").GetString() == "سارة الجديدة";
        var renamed = (await omarClient.WaitForAsync("conversation_updated", Renamed)).GetProperty("conversation");
        Assert.Equal(conversation, renamed.GetProperty("id").GetString());

        var url = (await PutAvatarOkAsync(api, sara, TestFiles.Image(32, 32, SKEncodedImageFormat.Png), "p.png"))["avatar_url"]!.GetValue<string>();
        await omarClient.WaitForAsync("conversation_updated", p => Sara(p).GetProperty("avatar").GetString() == url);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, MyAvatar, sara);
        await omarClient.WaitForAsync("conversation_updated", p => Sara(p).GetProperty("avatar").ValueKind == JsonValueKind.Null);
        Assert.Equal(0, outsiderClient.Count("conversation_updated"));

        JsonElement Sara(JsonElement payload) => payload.GetProperty("conversation").GetProperty("participant_details").EnumerateArray()
            .Single(p => p.GetProperty("user_id").GetString() == sara.Id.ToString());
    }

    private static async Task<JsonNode> PutAvatarOkAsync(ApiClient api, TestUser user, byte[] bytes, string fileName)
    {
        var (status, body) = await PutAvatarAsync(api, user, bytes, fileName, "application/octet-stream");
        Assert.True(status == HttpStatusCode.OK, $"avatar upload: {(int)status} {body}");
        return body!;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PutAvatarAsync(
        ApiClient api, TestUser user, byte[] bytes, string fileName, string claimedType, string? language = null)
    {
        using var form = new MultipartFormDataContent();
#pragma warning disable CA2000 // The form owns the part and disposes it.
        var file = new ByteArrayContent(bytes);
#pragma warning restore CA2000
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        form.Add(file, "file", fileName);
        using var response = await api.SendAsync(HttpMethod.Put, MyAvatar, user, form, language);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static async Task ExpectStatusAsync(ApiClient api, TestUser user, string url, HttpStatusCode expected)
    {
        using var response = await api.DownloadAsync(user, url);
        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class ProfileApiTestsOnSqlite(SqliteAppFixture app) : ProfileApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class ProfileApiTestsOnPostgres(PostgresAppFixture app) : ProfileApiTests(app), IClassFixture<PostgresAppFixture>;
