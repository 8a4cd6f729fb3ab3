using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Hosting;

/// <summary>The <c>Messaging:Auth</c> section: token lifetimes and lockout, validated at start-up.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Messaging:Auth";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public int MaxFailedAccessAttempts { get; set; } = 5;
}

internal static class AuthOptionsSetup
{
    public static IServiceCollection AddAuthOptions(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero, "Messaging:Auth:AccessTokenLifetime must be a positive duration.")
            .Validate(o => o.RefreshTokenLifetime >= o.AccessTokenLifetime, "Messaging:Auth:RefreshTokenLifetime must be at least AccessTokenLifetime.")
            .Validate(o => o.MaxFailedAccessAttempts > 0, "Messaging:Auth:MaxFailedAccessAttempts must be positive.")
            .ValidateOnStart();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<AuthOptions>>((bearer, auth) =>
        {
            bearer.BearerTokenExpiration = auth.Value.AccessTokenLifetime;
            bearer.RefreshTokenExpiration = auth.Value.RefreshTokenLifetime;
        });
        services.AddOptions<IdentityOptions>().Configure<IOptions<AuthOptions>>((identity, auth) =>
            identity.Lockout.MaxFailedAccessAttempts = auth.Value.MaxFailedAccessAttempts);
        return services;
    }
}
