using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Moderation;

public static class ModerationRegistration
{
    /// <summary>The audit log, the administrators' users list, suspensions, role changes, and reports.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<AdminUsers>();
        services.TryAddSingleton<Suspensions>();
        services.TryAddSingleton<AdminRoles>();
        services.TryAddSingleton<Reports.ReportEvidence>();
        services.TryAddSingleton<Reports.FileReportHandler>();
        services.TryAddSingleton<Reports.ReportQueue>();
        services.TryAddSingleton<Reports.ResolveReportHandler>();
        return services;
    }
}
