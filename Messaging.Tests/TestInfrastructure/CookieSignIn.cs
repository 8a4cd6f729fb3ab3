using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// Signs a browser context in by minting the real Identity cookie with the running host's own key ring and ticket format,
/// exactly what the sign-in page would set. Used until the sign-in page exists on every branch.
/// </summary>
public static class CookieSignIn
{
    public const string CookieName = "messaging.auth";

    public static async Task<string> CreateCookieValueAsync(MessagingHost host, Guid userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<User>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"No user {userId}.");
        var principal = await principals.CreateAsync(user);
        // Like the sign-in page: every cookie belongs to a server-side session, which sign-out ends.
        var session = await scope.ServiceProvider.GetRequiredService<SessionHandler>().StartAsync(userId, SessionKind.Cookie, "tests", null);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(AccessState.SessionClaim, session.SessionId.ToString()));
        var options = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var ticket = new AuthenticationTicket(
            principal,
            new AuthenticationProperties { IssuedUtc = time, ExpiresUtc = time.AddHours(2) },
            IdentityConstants.ApplicationScheme);
        return options.TicketDataFormat.Protect(ticket);
    }

    /// <summary>Adds the auth cookie (and optionally the culture cookie) for <paramref name="userId"/> to a browser context.</summary>
    public static async Task SignInAsync(IBrowserContext context, MessagingHost host, Guid userId, string? culture = null)
    {
        var url = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var cookies = new List<Cookie>
        {
            new() { Name = CookieName, Value = await CreateCookieValueAsync(host, userId), Url = url, HttpOnly = true, SameSite = SameSiteAttribute.Lax },
        };
        if (culture is not null)
        {
            cookies.Add(new() { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={culture}|uic={culture}"), Url = url });
        }

        await context.AddCookiesAsync(cookies);
    }
}
