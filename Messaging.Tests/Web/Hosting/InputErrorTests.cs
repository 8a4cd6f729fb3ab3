using System.Net;
using System.Text;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

/// <summary>Bad input gets a clear, localized 4xx problem, never a 500, and changes nothing.</summary>
public sealed class InputErrorTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData("{\"content\":", "malformed JSON")]
    [InlineData("{\"content\": 42}", "wrong type")]
    [InlineData("{\"content\": \"hi\", \"reply_to_message_id\": \"not-a-guid\"}", "invalid id")]
    [InlineData("{\"content\": \"hi\", \"attachments\": \"nope\"}", "wrong collection type")]
    [InlineData("[1,2,3]", "array instead of object")]
    [InlineData("", "empty body")]
    public async Task SendMessage_MalformedBody_IsProblem400AndStoresNothing(string body, string because)
    {
        using var api = app.Host.CreateApi();
        var (sara, id) = await ConversationAsync(api);

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await api.SendAsync(HttpMethod.Post, $"/api/v1/messaging/conversations/{id}/messages", sara, content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Empty((await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", sara))!.AsArray());
    }

    [Fact]
    public async Task SendMessage_HugeBody_Is413()
    {
        using var api = app.Host.CreateApi();
        var (sara, id) = await ConversationAsync(api);
        var huge = "{\"content\":\"" + new string('a', 3 * 1024 * 1024) + "\"}";
        // The node refuses the body by its Content-Length and closes the connection without reading it; a client still
        // writing 3 MB may then see a broken pipe instead of the answer (it failed so once in a full run). Clients
        // sending large bodies ask first, as curl does above 1 MB: the 413 then comes before any of the body is sent.
        api.Http.DefaultRequestHeaders.ExpectContinue = true;

        using var content = new StringContent(huge, Encoding.UTF8, "application/json");
        using var response = await api.SendAsync(HttpMethod.Post, $"/api/v1/messaging/conversations/{id}/messages", sara, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty((await api.GetAsync($"/api/v1/messaging/conversations/{id}/messages", sara))!.AsArray());
    }

    [Fact]
    public async Task SendMessage_WrongContentType_Is415()
    {
        using var api = app.Host.CreateApi();
        var (sara, id) = await ConversationAsync(api);

        using var content = new StringContent("content=hi", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await api.SendAsync(HttpMethod.Post, $"/api/v1/messaging/conversations/{id}/messages", sara, content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/messaging/conversations/not-a-guid")]
    [InlineData("/api/v1/messaging/conversations/123/messages")]
    [InlineData("/api/v1/messaging/conversations?limit=lots")]
    [InlineData("/api/v1/messaging/conversations?archived=maybe")]
    public async Task Get_InvalidIdOrParameter_Is400(string path)
    {
        using var api = app.Host.CreateApi();
        var (sara, _) = await ConversationAsync(api);

        using var response = await api.SendAsync(HttpMethod.Get, path, sara);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Problem_InArabic_IsLocalized()
    {
        using var api = app.Host.CreateApi();
        var (sara, id) = await ConversationAsync(api);

        var arabic = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/v1/messaging/conversations/{id}/messages", sara,
            new { content = "" }, language: "ar");
        var english = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"/api/v1/messaging/conversations/{id}/messages", sara,
            new { content = "" }, language: "en");

        Assert.Equal("لا يمكن أن تكون الرسالة فارغة.", arabic!["detail"]!.GetValue<string>());
        Assert.Equal("A message cannot be empty.", english!["detail"]!.GetValue<string>());
        Assert.Equal(400, arabic["status"]!.GetValue<int>());
        Assert.NotEqual(english["title"]!.GetValue<string>(), arabic["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownRoute_UnderApi_IsProblem404()
    {
        using var api = app.Host.CreateApi();
        using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<(TestUser Sara, string ConversationId)> ConversationAsync(ApiClient api)
    {
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        return (sara, await api.CreateDirectAsync(sara, omar));
    }
}
