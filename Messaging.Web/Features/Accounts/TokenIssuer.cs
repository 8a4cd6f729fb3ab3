using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Common;
using Messaging.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Accounts;

/// <summary>RFC 6749 token response.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn, string RefreshToken);

/// <summary>
/// Issues bearer tokens with the Identity bearer handler's own Data Protection format (so every node that shares the key
/// ring reads them), each carrying its session id, and opaque refresh tokens that the database keeps only as hashes
/// (<see cref="SessionHandler"/>: single use, rotated on every refresh, reuse ends the family).
/// </summary>
internal sealed class TokenIssuer(
    SignInManager<User> signIn,
    UserManager<User> users,
    SessionHandler sessions,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    RateLimits limits,
    Core.Accounts.Confirmation.EmailConfirmationPolicy confirmation,
    TimeProvider time)
{
    /// <summary>
    /// Failed sign-ins are limited per account and client address (<see cref="RateLimits.RequireSignInAllowed"/>), not by
    /// Identity's account lockout, which would let anyone lock the owner out by guessing wrong on purpose.
    /// </summary>
    public async Task<TokenResponse> LoginAsync(string? email, string? password, HttpContext http)
    {
        var account = email?.Trim() ?? "";
        var address = RateLimits.AddressOf(http);
        limits.RequireSignInAllowed(account, address);
        var user = account.Length == 0 ? null : await users.FindByEmailAsync(account);
        if (user is null || string.IsNullOrEmpty(password))
        {
            if (user is null)
            {
                UnknownAccount.SpendPasswordCheck(users, password);
            }

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

        // Said only to someone who knows the password, so it tells a stranger nothing about the address.
        if (confirmation.MustConfirm(user))
        {
            throw new MessagingException(ErrorCode.EmailNotConfirmed);
        }

        var session = await sessions.StartAsync(
            user.Id, SessionKind.Token, SessionAuthentication.UserAgent(http), SessionAuthentication.ClientAddress(http), http.RequestAborted);
        return await IssueAsync(user, session);
    }

    public async Task<TokenResponse> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        var session = await sessions.RefreshAsync(refreshToken, cancellationToken);
        var user = await users.FindByIdAsync(session.UserId.ToString());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            throw new MessagingException(ErrorCode.InvalidRefreshToken);
        }

        return await IssueAsync(user, session);
    }

    private async Task<TokenResponse> IssueAsync(User user, IssuedSession session)
    {
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(AccessState.SessionClaim, session.SessionId.ToString()));
        var expires = time.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expires }, IdentityConstants.BearerScheme);
        var access = options.BearerTokenProtector.Protect(ticket);
        return new TokenResponse(access, "Bearer", (long)options.BearerTokenExpiration.TotalSeconds, session.RefreshToken!);
    }
}
