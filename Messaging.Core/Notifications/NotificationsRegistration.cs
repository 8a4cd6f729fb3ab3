using Messaging.Core.Common;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Notifications.Push;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Notifications;

public static class NotificationsRegistration
{
    /// <summary>The outbox dispatcher, the planner, in-app notifications, Web Push and email digests. The host adds Hangfire.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.Section)
            // One address for the whole app (validated with the Messaging section); when set it wins over this section's own.
            .PostConfigure<IOptions<MessagingOptions>>((o, messaging) => o.PublicUrl = messaging.Value.PublicUrl ?? o.PublicUrl);
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section);

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
