using System.Security.Claims;
using Messaging.Core.DataRights;
using Messaging.Web.Hosting;

namespace Messaging.Web.Features.DataRights;

/// <summary>The body of <c>DELETE /api/v1/users/me</c>: the account's password, re-entered.</summary>
internal sealed record DeleteAccountRequest(string? Password);

/// <summary>"Download my data" over HTTP (API.md, Data rights), and the same download for the browser UI.</summary>
internal static class DataRightsEndpoints
{
    public static void MapDataRightsEndpoints(this IEndpointRouteBuilder api)
    {
        var exports = api.MapGroup("/users/me/data_exports").WithTags("Accounts").RequireAuthorization();

        exports.MapPost("/", async (ClaimsPrincipal me, DataExportsHandler handler, CancellationToken ct) =>
            TypedResults.Accepted((string?)null, await handler.RequestAsync(me.Id(), ct)))
            .WithSummary("Ask for a ZIP of my data (built in the background; one at a time)");

        exports.MapGet("/", (ClaimsPrincipal me, DataExportsHandler handler, CancellationToken ct) => handler.ListAsync(me.Id(), ct))
            .WithSummary("My data exports not yet expired, newest first");

        exports.MapGet("/{exportId:guid}", (Guid exportId, HttpContext http, DataExportsHandler handler, CancellationToken ct) =>
            DownloadAsync(http, handler, exportId, ct))
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .WithSummary("Download one of my ready data exports");

        api.MapDelete("/users/me", async ([Microsoft.AspNetCore.Mvc.FromBody] DeleteAccountRequest body, ClaimsPrincipal me, DeleteAccountHandler handler, CancellationToken ct) =>
        {
            await handler.DeleteAsync(me.Id(), body.Password, ct);
            return TypedResults.NoContent();
        }).WithTags("Accounts").RequireAuthorization()
            .WithSummary("Delete my account (confirmed with my password): messages stay as \"Deleted user\", files and sessions end");
    }

    /// <summary>The browser UI's link (the cookie authenticates; the API takes bearer tokens only). GET only: no state changes.</summary>
    public static void MapDataRightsUiEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/downloads/data_exports/{exportId:guid}", (Guid exportId, HttpContext http, DataExportsHandler handler, CancellationToken ct) =>
            DownloadAsync(http, handler, exportId, ct)).RequireAuthorization().ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(HttpContext http, DataExportsHandler handler, Guid exportId, CancellationToken ct)
    {
        var download = await handler.OpenAsync(http.User.Id(), exportId, ct);
        http.Response.RegisterForDisposeAsync(download.Content);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // A whole history: never kept by a shared cache or the browser's.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(download.Content, "application/zip", fileDownloadName: download.FileName);
    }
}
