using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Auth;

/// <summary>RFC 6749 token response.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string RefreshToken);

/// <summary>
/// Issues bearer and refresh tokens with the Identity bearer handler's own Data Protection formats, so every node
/// that shares the key ring accepts them, and a refresh re-checks the user's security stamp.
/// </summary>
internal sealed class TokenIssuer(
    SignInManager<User> signIn,
    UserManager<User> users,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    RateLimits limits,
    TimeProvider time)
{
    /// <summary>
    /// Failed sign-ins are limited per account and client address (<see cref="RateLimits.RequireSignInAllowed"/>), not by
    /// Identity's account lockout, which would let anyone lock the owner out by guessing wrong on purpose.
    /// </summary>
    public async Task<TokenResponse> LoginAsync(string? email, string? password, string? address)
    {
        var account = email?.Trim() ?? "";
        limits.RequireSignInAllowed(account, address);
        var user = account.Length == 0 ? null : await users.FindByEmailAsync(account);
        if (user is null || string.IsNullOrEmpty(password))
        {
            limits.SignInFailed(account, address);
            throw new MessagingException(ErrorCode.InvalidCredentials);
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (result.IsLockedOut)
        {
            var end = await users.GetLockoutEndDateAsync(user) ?? time.GetUtcNow();
            throw new MessagingException(ErrorCode.LockedOut, retryAfter: end - time.GetUtcNow());
        }

        if (!result.Succeeded)
        {
            limits.SignInFailed(account, address);
            throw new MessagingException(ErrorCode.InvalidCredentials);
        }

        return await IssueAsync(user);
    }

    public async Task<TokenResponse> RefreshAsync(string? refreshToken)
    {
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var ticket = string.IsNullOrEmpty(refreshToken) ? null : options.RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            throw new MessagingException(ErrorCode.InvalidRefreshToken);
        }

        return await IssueAsync(user);
    }

    private async Task<TokenResponse> IssueAsync(User user)
    {
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var now = time.GetUtcNow();
        var access = options.BearerTokenProtector.Protect(Ticket(principal, now + options.BearerTokenExpiration));
        var refresh = options.RefreshTokenProtector.Protect(Ticket(principal, now + options.RefreshTokenExpiration));
        return new TokenResponse(access, "Bearer", (long)options.BearerTokenExpiration.TotalSeconds, refresh);
    }

    private static AuthenticationTicket Ticket(ClaimsPrincipal principal, DateTimeOffset expires) =>
        new(principal, new AuthenticationProperties { ExpiresUtc = expires }, IdentityConstants.BearerScheme);
}
