using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Web.Hosting;

namespace Messaging.Web.Features.Admin;

internal static class SystemStatusSetup
{
    /// <summary>This node's heartbeat on the node list and the reader behind the System page.</summary>
    public static IServiceCollection AddSystemStatusPage(this IServiceCollection services)
    {
        services.AddSingleton<NodeHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeHeartbeat>());
        services.AddSingleton<SystemStatusReader>();
        return services;
    }

    /// <summary><c>GET /api/v1/admin/system</c>: administrators only (the role here, and Core checks it again).</summary>
    public static void MapSystemEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/admin/system", (ClaimsPrincipal me, SystemStatusReader reader, CancellationToken ct) => reader.ReadAsync(me.Id(), ct))
            .WithTags("Administration")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("The installation's health: build, database migration level, dependencies, jobs and nodes");
}
