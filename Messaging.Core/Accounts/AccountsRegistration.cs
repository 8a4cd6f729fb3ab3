using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Accounts;

public static class AccountsRegistration
{
    /// <summary>Sign-up, profiles, message settings, verification by administrators and the administrator seed.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.TryAddScoped<RegisterUserHandler>();
        services.TryAddScoped<AdminSeeder>();
        services.TryAddSingleton<ProfileHandler>();
        services.TryAddSingleton<MessageSettingsHandler>();
        services.TryAddSingleton<UserVerificationHandler>();
        return services;
    }
}
