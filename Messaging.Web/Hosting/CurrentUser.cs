using System.Security.Claims;

namespace Messaging.Web.Hosting;

internal static class CurrentUser
{
    /// <summary>The signed-in user's id; endpoints using it require authorization, so it is always present.</summary>
    public static Guid Id(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No user id claim."));
}
