using Messaging.Core.Accounts.Confirmation;
using Messaging.Core.Notifications;
using Messaging.Core.Notifications.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Accounts;

public static class AccountsRegistration
{
    /// <summary>Sign-up (with email confirmation when email is configured), profiles, message settings, verification by administrators and the administrator seed.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>()
            .BindConfiguration(AccountOptions.Section)
            .Validate<IOptions<EmailOptions>>(
                (o, email) => o.RequireEmailConfirmation != true || !string.IsNullOrWhiteSpace(email.Value.Host),
                "Messaging:Accounts:RequireEmailConfirmation is on but no email is configured (Messaging:Email:Host): nobody could confirm.")
            .Validate<IOptions<EmailOptions>, IOptions<NotificationOptions>>(
                (o, email, notifications) => o.RequireEmailConfirmation == false || string.IsNullOrWhiteSpace(email.Value.Host)
                                             || Uri.TryCreate(notifications.Value.PublicUrl, UriKind.Absolute, out _),
                "Email confirmation is on (Messaging:Email:Host is set) but Messaging:PublicUrl is not an absolute URL: confirmation links would lead nowhere.")
            .ValidateOnStart();
        services.TryAddSingleton<EmailConfirmationPolicy>();
        services.TryAddSingleton<IAccountEmailQueue, HangfireAccountEmailQueue>();
        services.TryAddTransient<AccountEmailJob>();
        services.TryAddScoped<EmailConfirmationHandler>();
        services.TryAddScoped<RegisterUserHandler>();
        services.TryAddScoped<AdminSeeder>();
        services.TryAddSingleton<ProfileHandler>();
        services.TryAddSingleton<MessageSettingsHandler>();
        services.TryAddSingleton<UserVerificationHandler>();
        return services;
    }
}
