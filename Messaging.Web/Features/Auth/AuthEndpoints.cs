using Messaging.Core.Accounts;
using Messaging.Web.Features.RateLimiting;

namespace Messaging.Web.Features.Auth;

internal static class AuthEndpoints
{
    public sealed record RegisterRequest(string? Email, string? Password, string? Name, string? Language);

    public sealed record RegisterResponse(Guid UserId, string Email, string Name, VerificationStatus VerificationStatus);

    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public static void MapAuthEndpoints(this IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").AllowAnonymous();

        auth.MapPost("/register", async (RegisterRequest body, RegisterUserHandler handler, CancellationToken ct) =>
        {
            try
            {
                var user = await handler.HandleAsync(new RegisterUser(body.Email, body.Password, body.Name, body.Language), ct);
                return TypedResults.Created("/api/v1/users/me", new RegisterResponse(user.Id, user.Email!, user.Name, user.VerificationStatus));
            }
            catch (Core.Common.MessagingException ex) when (ex.Code == Core.Common.ErrorCode.EmailTaken)
            {
                // Registration never reveals whether an account exists: the same answer, and nothing changes.
                return TypedResults.Created("/api/v1/users/me", new RegisterResponse(
                    Guid.CreateVersion7(), body.Email!.Trim(), body.Name!.Trim(), VerificationStatus.Pending));
            }
        }).RequireRateLimiting(RateLimitPolicies.Register);

        auth.MapPost("/login", async (LoginRequest body, TokenIssuer tokens, HttpContext http) =>
            TypedResults.Ok(await tokens.LoginAsync(body.Email, body.Password, RateLimits.AddressOf(http))))
            .RequireRateLimiting(RateLimitPolicies.SignIn);

        auth.MapPost("/refresh", async (RefreshRequest body, TokenIssuer tokens) => TypedResults.Ok(await tokens.RefreshAsync(body.RefreshToken)))
            .RequireRateLimiting(RateLimitPolicies.SignIn);
    }
}
