using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Messaging.Web.Features.RateLimiting;

/// <summary>
/// A named policy of the built-in rate limiting middleware whose counters live in <see cref="RateLimits"/>: the
/// middleware's own per-key limiter is only a thin view, so a user's HTTP sends and circuit sends share one budget.
/// </summary>
internal sealed class SharedRateLimitPolicy(string policy, RateLimits limits) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var user = httpContext.User.Identity?.IsAuthenticated == true
            ? httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var userId) ? userId.ToString("N") : null
            : null;
        var address = RateLimits.AddressOf(httpContext);
        return RateLimitPartition.Get($"{user}|{address}", _ => new View(policy, user, address, limits));
    }

    private sealed class View(string policy, string? user, string? address, RateLimits limits) : RateLimiter
    {
        // Always "idle": the middleware may drop this view at any time; the counts stay in RateLimits.
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => limits.Acquire(policy, user, address);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(limits.Acquire(policy, user, address));
    }
}
