using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Common;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Messaging.Web.Features.Moderation;

/// <summary>
/// Refuses a suspended person everywhere, with their token or cookie still good so they learn why: the API and the hub
/// answer 403 with <c>code: "suspended"</c>, pages lead to the explanation page. Sign-in, sign-out and the page's own
/// assets stay open. The check is <see cref="AccessState"/>'s per-node cache, which the access event clears at once.
/// </summary>
internal static class SuspensionGate
{
    public const string PagePath = "/suspended";

    private static readonly string[] OpenPaths = [PagePath, "/api/v1/auth", "/account/logout", "/culture", "/_framework", "/_content", "/health"];

    public static IApplicationBuilder UseSuspensionGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (AccessState.UserOf(context.User) is not { } userId || IsOpen(context.Request.Path))
        {
            await next(context);
            return;
        }

        var access = context.RequestServices.GetRequiredService<AccessState>();
        if (!(await access.GetUserAsync(userId, context.RequestAborted)).IsSuspended)
        {
            await next(context);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
            || !HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Items[ProblemLocalizer.ErrorCodeKey] = ErrorCode.Suspended;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden } });
            return;
        }

        if (Path.HasExtension(context.Request.Path.Value))
        {
            // Stylesheets and scripts of the explanation page.
            await next(context);
            return;
        }

        context.Response.Redirect(PagePath);
    });

    private static bool IsOpen(PathString path) =>
        OpenPaths.Any(open => path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase));
}
