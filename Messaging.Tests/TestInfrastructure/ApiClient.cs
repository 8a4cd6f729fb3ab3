using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Messaging.Web.Hosting;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>A thin HTTP client for the v1 API with the API's JSON conventions, plus helpers to make verified users.</summary>
public sealed class ApiClient(Uri baseAddress) : IDisposable
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public HttpClient Http { get; } = new() { BaseAddress = baseAddress };

    public static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiSetup.ConfigureJson(options);
        return options;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, TestUser? user = null, object? body = null, string? language = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        if (body is not null)
        {
            request.Content = body is HttpContent content ? content : JsonContent.Create(body, options: Json);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Sends and asserts the status, returning the body as JSON (null for an empty body).</summary>
    public async Task<JsonNode?> ExpectAsync(HttpStatusCode status, HttpMethod method, string path, TestUser? user = null, object? body = null, string? language = null)
    {
        using var response = await SendAsync(method, path, user, body, language);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public Task<JsonNode?> GetAsync(string path, TestUser user) => ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, path, user);

    public async Task<TestUser> LoginAsync(string email, string password)
    {
        var tokens = await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/v1/auth/login", body: new { email, password });
        var user = new TestUser(Guid.Empty, email, password, tokens!["access_token"]!.GetValue<string>(), tokens["refresh_token"]!.GetValue<string>());
        var me = await GetAsync("/api/v1/users/me", user);
        return user with { Id = Guid.Parse(me!["user_id"]!.GetValue<string>()) };
    }

    public Task<TestUser> LoginAdminAsync() => LoginAsync(MessagingHost.AdminEmail, MessagingHost.AdminPassword);

    /// <summary>
    /// A valid address no other test uses: the name's ASCII letters and digits as a readable handle (an Arabic name has
    /// none, so it becomes "user"), then a GUID.
    /// </summary>
    public static string UniqueEmail(string name)
    {
        var handle = string.Join('.', name.ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => new string(word.Where(char.IsAsciiLetterOrDigit).ToArray()))
            .Where(word => word.Length > 0));
        return $"{(handle.Length > 0 ? handle : "user")}.{Guid.NewGuid():N}@tests.local";
    }

    /// <summary>Registers a user (pending), without verification.</summary>
    public async Task<TestUser> RegisterAsync(string name, string? email = null, string password = "password-123")
    {
        email ??= UniqueEmail(name);
        await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/auth/register", body: new { email, password, name });
        var user = await LoginAsync(email, password);
        return user with { Name = name };
    }

    /// <summary>Registers a user (with a unique address, whatever the name's script) and has the administrator verify them.</summary>
    public async Task<TestUser> CreateVerifiedUserAsync(string name, string? email = null)
    {
        var user = await RegisterAsync(name, email);
        var admin = await LoginAdminAsync();
        await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{user.Id}/verify", admin);
        return user;
    }

    public async Task<string> CreateDirectAsync(TestUser from, TestUser to, bool encrypted = false)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/v1/messaging/conversations", from,
            new { conversation_type = "direct", participant_ids = new[] { to.Id }, is_encrypted = encrypted });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
    }

    public async Task<string> CreateGroupAsync(TestUser from, string title, params TestUser[] others)
    {
        var created = await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/v1/messaging/conversations", from,
            new { conversation_type = "group", participant_ids = others.Select(o => o.Id).ToArray(), title });
        return created!["id"]!.GetValue<string>();
    }

    /// <summary>The user accepts a pending conversation (an invite, or a stranger's direct conversation).</summary>
    public Task AcceptAsync(TestUser user, string conversationId) =>
        ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversationId}/accept", user);

    public async Task<JsonNode> SendMessageAsync(TestUser from, string conversationId, string content, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["content"] = content };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToNode(extra, Json)!.AsObject())
            {
                body[property.Key] = property.Value?.DeepClone();
            }
        }

        var sent = await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversationId}/messages", from, body);
        return sent!;
    }

    public void Dispose() => Http.Dispose();
}

public sealed record TestUser(Guid Id, string Email, string Password, string AccessToken, string RefreshToken)
{
    public string Name { get; init; } = "";
}
