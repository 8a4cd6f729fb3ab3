using System.Net;
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

    /// <summary>Route text as OpenAPI writes it: <c>{id:guid}</c> → <c>{id}</c>, optional and catch-all markers and a trailing slash dropped.</summary>
    private static string Normalize(string route) => RouteParameter().Replace(route, m => "{" + m.Groups["name"].Value + "}").TrimEnd('/');

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteParameter();
}
