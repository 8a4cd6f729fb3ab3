using Messaging.Core.Accounts;
using Messaging.Core.Persistence;
using Messaging.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Web.Hosting;

internal static class AuthenticationSetup
{
    public const string SmartScheme = "Messaging";

    /// <summary>
    /// Identity with two ways in: the cookie for the Blazor UI, and bearer tokens for the API and the hub
    /// (<c>access_token</c> query on /hubs, as SignalR clients send it). The API never accepts the cookie, so it needs no CSRF defence.
    /// </summary>
    public static IServiceCollection AddMessagingAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.Events = new BearerTokenEvents
                {
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"].ToString();
                        if (token.Length > 0 && context.HttpContext.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                };
            })
            .AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
            {
                c.LoginPath = "/account/login";
                c.LogoutPath = "/account/logout";
                c.AccessDeniedPath = "/account/access-denied";
                c.Cookie.Name = "messaging.auth";
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.SlidingExpiration = true;
                c.ExpireTimeSpan = TimeSpan.FromDays(14);
            }));

        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<MessagingDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.TryAddSingleton(configuration);
        services.AddAuthOptions();
        services.AddSessionChecks();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase) && request.Query.ContainsKey("access_token")))
        {
            return IdentityConstants.BearerScheme;
        }

        return IdentityConstants.ApplicationScheme;
    }
}
