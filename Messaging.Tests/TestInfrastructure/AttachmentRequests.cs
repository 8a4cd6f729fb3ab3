using System.Net.Http.Headers;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>Attachment uploads and downloads through the HTTP API, for every test that needs a file in a conversation.</summary>
public static class AttachmentRequests
{
    public static string Upload(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/attachments";

    /// <summary>POSTs one file as multipart/form-data, with whatever Content-Type the client claims.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(
        this ApiClient api, TestUser user, string conversationId, byte[] bytes, string fileName, string claimedType = "application/octet-stream", string? language = null)
    {
        using var form = new MultipartFormDataContent();
#pragma warning disable CA2000 // The form owns the part and disposes it.
        var file = new ByteArrayContent(bytes);
#pragma warning restore CA2000
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        form.Add(file, "file", fileName);
        return await api.SendAsync(HttpMethod.Post, Upload(conversationId), user, form, language);
    }

    public static async Task<System.Text.Json.Nodes.JsonNode> UploadOkAsync(this ApiClient api, TestUser user, string conversationId, byte[] bytes, string fileName)
    {
        using var response = await api.UploadAsync(user, conversationId, bytes, fileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"upload {fileName}: {(int)response.StatusCode} {text}");
        return System.Text.Json.Nodes.JsonNode.Parse(text)!;
    }

    public static async Task<HttpResponseMessage> DownloadAsync(this ApiClient api, TestUser user, string path, RangeHeaderValue? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        request.Headers.Range = range;
        return await api.Http.SendAsync(request);
    }
}
