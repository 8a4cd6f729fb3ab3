using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Moderation.Reports;
using Messaging.Web.Hosting;

namespace Messaging.Web.Features.Moderation;

/// <summary>API.md "Moderation": filing reports, and the administrators' queue and decisions.</summary>
internal static class ReportEndpoints
{
    public sealed record ReportRequest(Guid? MessageId, Guid? ConversationId, Guid? UserId, string? Reason, string? Comment);

    public sealed record ResolveRequest(string? Action, string? Note, DateTime? Until);

    public sealed record ReportPageResponse(IReadOnlyList<ReportView> Items, string? NextCursor);

    public static void MapReportEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/moderation/reports", async (ReportRequest body, ClaimsPrincipal me, FileReportHandler handler, CancellationToken ct) =>
        {
            var filed = await handler.HandleAsync(me.Id(), new FileReport(body.MessageId, body.ConversationId, body.UserId, body.Reason, body.Comment), ct);
            // Reporting the same open thing again answers the first report (200), never a second one.
            return filed.Created
                ? Results.Created($"/api/v1/moderation/reports/{filed.Report.Id}", filed.Report)
                : Results.Ok(filed.Report);
        }).WithTags("Moderation").RequireAuthorization()
            .WithSummary("Reports a message, a conversation or a person to the administrators, with an evidence snapshot");

        var admin = api.MapGroup("/admin/reports").WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("/", async (string? status, int? limit, string? cursor, ClaimsPrincipal me, ReportQueue queue, CancellationToken ct) =>
        {
            var parsed = string.IsNullOrEmpty(status) ? ReportStatus.Open
                : ReportNames.Parse<ReportStatus>(status) ?? throw new MessagingException(ErrorCode.ValidationFailed, "status");
            var page = await queue.ListAsync(me.Id(), parsed, limit, cursor, ct);
            return new ReportPageResponse(page.Items, page.NextCursor);
        }).WithSummary("The report queue: open cases oldest first (or resolved ones), with evidence and every reporter");
        admin.MapPost("/{reportId}/resolve", (Guid reportId, ResolveRequest body, ClaimsPrincipal me, ResolveReportHandler handler, CancellationToken ct) =>
            handler.HandleAsync(me.Id(), reportId, new ResolveReport(body.Action, body.Note, body.Until), ct))
            .WithSummary("Resolves a report's case: dismiss, delete the message for everyone, or suspend the reported person");
    }
}
