using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Core.Retention;

public static class RetentionRegistration
{
    /// <summary>Message retention: the deployment's default, the group setting and the daily job (the host schedules it).</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationRetentionHandler>();
        services.AddTransient<RetentionJob>();
        return services;
    }
}
