using System.Net;
using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Attachments;

/// <summary>The published OpenAPI document describes the attachment endpoints, the upload's multipart body included.</summary>
public sealed class AttachmentOpenApiTests(SqliteAppFixture app) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public async Task OpenApi_Upload_IsMultipartWithOneBinaryFilePart()
    {
        using var api = app.Host.CreateApi();
        using var response = await api.SendAsync(HttpMethod.Get, "/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var upload = document["paths"]!["/api/v1/messaging/conversations/{id}/attachments"]!["post"]!;
        var schema = Resolve(document, upload["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!);
        var file = Resolve(document, schema["properties"]!["file"]!);
        Assert.Equal("string", file["type"]!.GetValue<string>());
        Assert.Equal("binary", file["format"]!.GetValue<string>());
        Assert.Contains("file", schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.NotNull(upload["responses"]!["201"]);
        Assert.NotNull(upload["responses"]!["413"]);
        Assert.NotNull(upload["responses"]!["415"]);
        Assert.False(string.IsNullOrWhiteSpace(upload["summary"]?.GetValue<string>()));
        var download = document["paths"]!["/api/v1/messaging/attachments/{attachmentId}"]!["get"]!;
        Assert.False(string.IsNullOrWhiteSpace(download["summary"]?.GetValue<string>()));
    }

    /// <summary>Follows a <c>$ref</c> into <c>components/schemas</c>, or returns the inline schema.</summary>
    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!
            : schema;
}
