using System.Security.Claims;
using Messaging.Core.Accounts.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Messaging.Web.Features.Accounts;

/// <summary>
/// Ties both ways in to server-side sessions: every bearer token and every sign-in cookie carries a session id
/// (<c>sid</c>) and the user's security stamp, and each request checks both against <see cref="AccessState"/> (a per-node
/// cache of a few seconds that the bus clears at once). Ending a session, or an administrator withdrawing access, thus
/// stops tokens, cookies, hub connections and circuits on every node. Added on top of the host's authentication setup
/// (post-configuration), so that setup stays as it is.
/// </summary>
internal static class SessionAuthentication
{
    public static IServiceCollection AddSessionChecks(this IServiceCollection services)
    {
        services.AddSingleton<HubAccess>();
        services.AddSingleton<CircuitAccess>();
        services.AddHostedService<AccessRevocation>();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, ConfigureBearer);
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, ConfigureCookie);
        // Identity re-creates the cookie's principal when it re-checks the stamp; the session id must survive that.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(AccessState.SessionClaim) is { } sid && context.NewPrincipal?.Identity is ClaimsIdentity identity
                && !identity.HasClaim(c => c.Type == AccessState.SessionClaim))
            {
                identity.AddClaim(new Claim(AccessState.SessionClaim, sid.Value));
            }

            return Task.CompletedTask;
        });
        return services;
    }

    public static string? ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    public static string? UserAgent(HttpContext context) => context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;

    private static void ConfigureBearer(BearerTokenOptions options)
    {
        if (options.BearerTokenExpiration > UserSessionOptions.MaxAccessTokenLifetime)
        {
            options.BearerTokenExpiration = UserSessionOptions.MaxAccessTokenLifetime;
        }

        var received = options.Events.OnMessageReceived;
        options.Events.OnMessageReceived = async context =>
        {
            await received(context);
            if (context.Result is not null)
            {
                return;
            }

            var token = context.Token ?? BearerFromHeader(context.Request);
            if (token is null)
            {
                return;
            }

            var ticket = context.Options.BearerTokenProtector.Unprotect(token);
            var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
            if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires)
            {
                context.Fail("The token is not valid or has expired.");
                return;
            }

            var access = context.HttpContext.RequestServices.GetRequiredService<AccessState>();
            if (!await access.IsValidAsync(ticket.Principal, context.HttpContext.RequestAborted))
            {
                context.Fail("The session of this token has ended.");
                return;
            }

            context.Principal = ticket.Principal;
            context.Properties = ticket.Properties;
            context.Success();
        };
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var access = context.HttpContext.RequestServices.GetRequiredService<AccessState>();
            if (context.Principal is null || !await access.IsValidAsync(context.Principal, context.HttpContext.RequestAborted))
            {
                // A copied cookie of an ended session, or one issued before the stamp changed.
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await validate(context);
        };

        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            if (context.Principal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == AccessState.SessionClaim)
                && AccessState.UserOf(context.Principal) is { } userId)
            {
                // Identity re-issuing the cookie of a signed-in user (RefreshSignInAsync) keeps its session; a real sign-in starts one.
                var current = AccessState.UserOf(context.HttpContext.User) == userId ? AccessState.SessionOf(context.HttpContext.User) : null;
                if (current is null)
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionHandler>();
                    var started = await sessions.StartAsync(
                        userId, SessionKind.Cookie, UserAgent(context.HttpContext), ClientAddress(context.HttpContext), context.HttpContext.RequestAborted);
                    current = started.SessionId;
                }

                identity.AddClaim(new Claim(AccessState.SessionClaim, current.Value.ToString()));
            }

            await signingIn(context);
        };

        var signingOut = options.Events.OnSigningOut;
        options.Events.OnSigningOut = async context =>
        {
            var user = context.HttpContext.User;
            if (AccessState.UserOf(user) is { } userId && AccessState.SessionOf(user) is { } sessionId)
            {
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionHandler>();
                await sessions.EndQuietlyAsync(userId, sessionId, CancellationToken.None);
            }

            await signingOut(context);
        };
    }

    private static string? BearerFromHeader(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
