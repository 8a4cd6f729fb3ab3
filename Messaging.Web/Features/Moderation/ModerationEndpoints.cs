using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Moderation;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Web.Features.Moderation;

/// <summary>API.md "Moderation": the users list, suspensions, ending sessions and the audit log, for administrators.</summary>
internal static class ModerationEndpoints
{
    public sealed record SuspendRequest(string? Reason, DateTime? Until);

    public sealed record UnsuspendRequest(string? Reason);

    public sealed record AdminUserPageResponse(IReadOnlyList<UserAdminView> Items, string? NextCursor);

    public static void MapModerationEndpoints(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/admin/users").WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        users.MapGet("/", async (string? status, string? query, int? limit, string? cursor, ClaimsPrincipal me, AdminUsers list, CancellationToken ct) =>
        {
            var page = await list.ListAsync(me.Id(), new AdminUserQuery(ParseStatus(status), query, limit, cursor), ct);
            return new AdminUserPageResponse(page.Items, page.NextCursor);
        }).WithSummary("Lists people, paged on the server, by status and name or email");
        users.MapGet("/{userId}", (Guid userId, ClaimsPrincipal me, AdminUsers list, CancellationToken ct) => list.GetAsync(me.Id(), userId, ct))
            .WithSummary("One person as administrators see them");
        users.MapPost("/{userId}/withdraw_verification", (Guid userId, ClaimsPrincipal me, UserVerificationHandler handler, CancellationToken ct) =>
            handler.SetStatusAsync(me.Id(), userId, VerificationStatus.Pending, ct))
            .WithSummary("Withdraws a person's verification; they are signed out everywhere");
        users.MapPost("/{userId}/suspend", (Guid userId, SuspendRequest body, ClaimsPrincipal me, Suspensions suspensions, CancellationToken ct) =>
            suspensions.SuspendAsync(me.Id(), userId, body.Reason, body.Until, ct))
            .WithSummary("Suspends a person, until a date or until lifted");
        users.MapPost("/{userId}/unsuspend", (Guid userId, UnsuspendRequest? body, ClaimsPrincipal me, Suspensions suspensions, CancellationToken ct) =>
            suspensions.UnsuspendAsync(me.Id(), userId, body?.Reason, ct))
            .WithSummary("Lifts a person's suspension");
        users.MapPost("/{userId}/sessions/end", async (Guid userId, ClaimsPrincipal me, Suspensions suspensions, CancellationToken ct) =>
        {
            await suspensions.EndSessionsAsync(me.Id(), userId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Ends every session of a person");

        api.MapGet("/admin/audit", (int? limit, string? before, string? action, [FromQuery(Name = "target_id")] Guid? targetId, ClaimsPrincipal me, AuditLog audit, CancellationToken ct) =>
            audit.ListAsync(me.Id(), new AuditQuery(limit, before, action, targetId), ct))
            .WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("The audit log of administrator actions, newest first (append-only)");
    }

    // API.md spells statuses in snake_case ("pending"); anything else is a validation error, not a silent "all".
    private static AdminUserFilter? ParseStatus(string? status) =>
        string.IsNullOrEmpty(status) ? null
        : Enum.TryParse<AdminUserFilter>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(status[0]) ? parsed
        : throw new MessagingException(ErrorCode.ValidationFailed, "status");
}
