using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Confirmation;
using Messaging.Core.Accounts.Sessions;
using Messaging.Web.Features.RateLimiting;
using Messaging.Web.Hosting;

namespace Messaging.Web.Features.Accounts;

internal static class AuthEndpoints
{
    public sealed record RegisterRequest(string? Email, string? Password, string? Name, string? Language);

    public sealed record RegisterResponse(Guid UserId, string Email, string Name, VerificationStatus VerificationStatus);

    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public sealed record ResendConfirmationRequest(string? Email);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").AllowAnonymous();

        // Registration never reveals whether an account exists: Core answers a taken address like a new one (docs/security.md).
        auth.MapPost("/register", async (RegisterRequest body, RegisterUserHandler handler, CancellationToken ct) =>
        {
            var answer = await handler.HandleAsync(new RegisterUser(body.Email, body.Password, body.Name, body.Language), ct);
            return TypedResults.Created("/api/v1/users/me", new RegisterResponse(answer.UserId, answer.Email, answer.Name, answer.VerificationStatus));
        }).RequireRateLimiting(RateLimitPolicies.Register).WithSummary("Register (pending until an administrator verifies; a taken address answers the same)");

        // A new confirmation link; 202 whatever the address (known, unknown, confirmed already).
        auth.MapPost("/confirm_email/resend", async (ResendConfirmationRequest body, EmailConfirmationHandler confirmation, RateLimits limits, HttpContext http) =>
        {
            limits.RequireConfirmationResendAllowed(body.Email ?? "", RateLimits.AddressOf(http));
            await confirmation.ResendAsync(body.Email);
            return TypedResults.Accepted((string?)null);
        }).WithSummary("Send the email confirmation link again");

        auth.MapPost("/login", async (LoginRequest body, TokenIssuer tokens, HttpContext http) =>
            TypedResults.Ok(await tokens.LoginAsync(body.Email, body.Password, http)))
            .RequireRateLimiting(RateLimitPolicies.SignIn).WithSummary("Sign in with email and password: an access token and a refresh token");

        auth.MapPost("/refresh", async (RefreshRequest body, TokenIssuer tokens, CancellationToken ct) =>
            TypedResults.Ok(await tokens.RefreshAsync(body.RefreshToken, ct)))
            .RequireRateLimiting(RateLimitPolicies.SignIn).WithSummary("Exchange a refresh token for new tokens (the old refresh token is spent)");

        // The refresh token is the credential here (an app signing out may hold an expired access token).
        auth.MapPost("/logout", async (RefreshRequest body, SessionHandler sessions, CancellationToken ct) =>
        {
            await sessions.LogoutAsync(body.RefreshToken, ct);
            return TypedResults.NoContent();
        }).WithSummary("Sign out: end the session this refresh token belongs to");

        api.MapPost("/auth/logout_all", async (ClaimsPrincipal me, SessionHandler sessions, CancellationToken ct) =>
        {
            await sessions.EndAllAsync(me.Id(), ct);
            return TypedResults.NoContent();
        }).WithTags("Accounts").RequireAuthorization().WithSummary("Sign out everywhere: end every session of the caller");

        var mine = api.MapGroup("/users/me/sessions").WithTags("Accounts").RequireAuthorization();
        mine.MapGet("/", (ClaimsPrincipal me, SessionHandler sessions, CancellationToken ct) =>
            sessions.ListAsync(me.Id(), AccessState.SessionOf(me), ct)).WithSummary("The caller's sessions (devices and browsers signed in)");
        mine.MapDelete("/{sessionId:guid}", async (Guid sessionId, ClaimsPrincipal me, SessionHandler sessions, CancellationToken ct) =>
        {
            await sessions.EndAsync(me.Id(), sessionId, ct);
            return TypedResults.NoContent();
        }).WithSummary("End one of the caller's sessions");
    }
}
