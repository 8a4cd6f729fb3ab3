using Messaging.Core.Notifications.Email;
using Messaging.Core.Notifications.Push;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Core.Notifications;

public static class NotificationsRegistration
{
    /// <summary>The outbox dispatcher, the planner, in-app notifications, Web Push and email digests. The host adds Hangfire.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.Section))
            .PostConfigure(o => o.PublicUrl = configuration["Messaging:PublicUrl"] ?? o.PublicUrl);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));

        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<NotificationsHandler>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());

        services.AddSingleton<VapidKeys>();
        services.AddHttpClient<IPushSender, WebPushSender>(WebPushSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IPushQueue, HangfirePushQueue>();
        services.AddTransient<PushJob>();
        services.AddSingleton<PushSubscriptionsHandler>();

        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddTransient<EmailDigestJob>();
        services.AddTransient<NotificationCleanupJob>();
        return services;
    }
}
