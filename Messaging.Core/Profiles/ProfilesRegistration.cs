using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Profiles;

public static class ProfilesRegistration
{
    /// <summary>Avatars, profile cards and publishing profile changes.</summary>
    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.AddOptions<ProfileOptions>().BindConfiguration(ProfileOptions.Section);
        services.TryAddSingleton<ProfileChanges>();
        services.TryAddSingleton<AvatarHandler>();
        services.TryAddSingleton<PersonCardHandler>();
        return services;
    }
}
