using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Core.DataRights;

public static class DataRightsRegistration
{
    /// <summary>"Download my data", "delete my account" and retention. The host schedules the recurring jobs.</summary>
    public static IServiceCollection AddDataRights(this IServiceCollection services)
    {
        services.AddOptions<DataRightsOptions>().BindConfiguration(DataRightsOptions.Section);
        services.AddSingleton<DataExportsHandler>();
        services.AddTransient<DataExportJob>();
        services.AddTransient<DataExportCleanup>();
        services.AddSingleton<DeleteAccountHandler>();
        return services;
    }
}
