using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Hosting;

/// <summary>
/// The OpenAPI document lists every mapped API endpoint, and the interactive reference at /api/docs is served only
/// when <c>Messaging:Api:Reference</c> is on (or in Development).
/// </summary>
public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryMappedApiEndpoint()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var document = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative)))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet(StringComparer.Ordinal);
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true && e.RoutePattern.RawText != "/api/v1/openapi.json")
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => $"{method} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(mapped);
        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
    }

    [Fact]
    public async Task OpenApiDocument_DeclaresTheBearerSchemeAndProblemAnswersWithTheContractsCodes()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var document = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative)))!;

        var bearer = document["components"]!["securitySchemes"]!["bearer"]!;
        Assert.Equal("http", bearer["type"]!.GetValue<string>());
        Assert.Equal("bearer", bearer["scheme"]!.GetValue<string>());
        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(o => (Name: $"{o.Key} {path.Key}", Operation: o.Value!))).ToList();
        Assert.All(operations, o => Assert.True(o.Operation["security"] is JsonArray, $"{o.Name} has no security"));
        var send = Operation(document, "/api/v1/messaging/conversations/{id}/messages", "post");
        Assert.Contains("bearer", send["security"]!.AsArray()[0]!.AsObject().Select(r => r.Key));
        Assert.Empty(Operation(document, "/api/v1/auth/login", "post")["security"]!.AsArray());
        foreach (var status in new[] { "400", "401", "403", "404", "429", "503" })
        {
            var problem = send["responses"]![status]?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
            Assert.True(problem == "#/components/schemas/Problem", $"POST messages: no problem answer for {status}");
        }

        Assert.Contains("`not_allowed`", send["responses"]!["403"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var codes = document["components"]!["schemas"]!["Problem"]!["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>());
        Assert.Equal(Enum.GetValues<Messaging.Core.Common.ErrorCode>().Select(c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.ToString())).Order(), codes.Order());
    }

    [Fact]
    public async Task OpenApiDocument_SchemasUseTheSnakeCaseNamesTheJsonCarries()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory);
        using var api = host.CreateApi();
        var document = JsonNode.Parse(await api.Http.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative)))!;

        var schemas = document["components"]!["schemas"]!.AsObject();
        var names = schemas.SelectMany(schema => (schema.Value!["properties"]?.AsObject() ?? []).Select(p => $"{schema.Key}.{p.Key}")).ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Matches("^.+\\.[a-z][a-z0-9_]*$", name));

        // A message as the API really sends it has exactly the properties its documented schema lists.
        var alice = await api.CreateVerifiedUserAsync("Alice Schema");
        var bob = await api.CreateVerifiedUserAsync("Bob Schema");
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.SendMessageAsync(alice, conversation, "hello");
        var sent = (await api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages", alice))!.AsArray()[0]!.AsObject();
        var list = Operation(document, "/api/v1/messaging/conversations/{id}/messages", "get")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var message = Resolve(document, Resolve(document, list)["items"]!);
        Assert.Equal(sent.Select(p => p.Key).Order(StringComparer.Ordinal), message["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApiDocs_SettingOn_ServesTheReference()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory,
            extra: new Dictionary<string, string?> { ["Messaging:Api:Reference"] = "true" });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("/api/docs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Messaging API</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiDocs_OutsideDevelopmentWithoutSetting_NotFound()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        await using var host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync(new Uri("/api/docs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static JsonNode Operation(JsonNode document, string path, string method) =>
        document["paths"]![path]?[method] ?? throw new Xunit.Sdk.XunitException($"{method} {path} is not documented");

    /// <summary>Follows a <c>$ref</c> to its component schema; any other schema as it is.</summary>
    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;

    /// <summary>Route text as OpenAPI writes it: <c>{id:guid}</c> → <c>{id}</c>, optional and catch-all markers and a trailing slash dropped.</summary>
    private static string Normalize(string route) => RouteParameter().Replace(route, m => "{" + m.Groups["name"].Value + "}").TrimEnd('/');

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteParameter();
}
