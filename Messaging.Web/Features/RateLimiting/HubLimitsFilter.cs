using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Messaging.Core.Common;
using Messaging.Web.Components;
using Messaging.Web.Features.Realtime;
using Messaging.Web.Resources;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.RateLimiting;

/// <summary>
/// On the messaging hub: at most <see cref="HubLimitOptions.MaxConnectionsPerUser"/> connections per user on this node
/// (the next one is refused at connect), and every method call counted against the user's "Hub" rate limit.
/// </summary>
internal sealed class HubLimitsFilter(RateLimits limits, HubConnectionCounter counter, IOptions<HubLimitOptions> options, IStringLocalizer<Errors> text) : IHubFilter
{
    private const string CountedKey = "messaging.counted";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Hub is not MessagingHub)
        {
            return await next(invocationContext);
        }

        var context = invocationContext.Context;
        var user = UserOf(context.User);
        using (var lease = limits.Acquire(RateLimitPolicies.Hub, user?.ToString("N"), RateLimits.AddressOf(context.GetHttpContext())))
        {
            if (!lease.IsAcquired)
            {
                throw new HubException(Localize(context, ErrorCode.RateLimited));
            }
        }

        return await next(invocationContext);
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Hub is MessagingHub && UserOf(context.Context.User) is { } user)
        {
            if (!counter.TryOpen(user, options.Value.MaxConnectionsPerUser))
            {
                throw new HubException(Localize(context.Context, ErrorCode.TooManyConnections));
            }

            context.Context.Items[CountedKey] = user;
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.TryGetValue(CountedKey, out var value) && value is Guid user)
        {
            counter.Close(user);
        }

        await next(context, exception);
    }

    private static Guid? UserOf(ClaimsPrincipal? principal) =>
        principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var user) ? user : null;

    private string Localize(HubCallerContext context, ErrorCode code)
    {
        var culture = context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;
        if (culture is not null)
        {
            CultureInfo.CurrentUICulture = culture;
        }

        return text.For(code);
    }
}

/// <summary>Open hub connections per user on this node.</summary>
internal sealed class HubConnectionCounter
{
    private readonly ConcurrentDictionary<Guid, int> open = new();

    public bool TryOpen(Guid user, int max)
    {
        while (true)
        {
            var current = open.GetOrAdd(user, 0);
            if (current >= max)
            {
                return false;
            }

            if (open.TryUpdate(user, current + 1, current))
            {
                return true;
            }
        }
    }

    public void Close(Guid user)
    {
        while (open.TryGetValue(user, out var current))
        {
            if (current <= 1 ? open.TryRemove(new KeyValuePair<Guid, int>(user, current)) : open.TryUpdate(user, current - 1, current))
            {
                return;
            }
        }
    }
}

/// <summary><c>Messaging:Hub</c>: resources one user may hold on the messaging hub and the Blazor circuit hub.</summary>
public sealed class HubLimitOptions
{
    public const string Section = "Messaging:Hub";

    /// <summary>Hub connections one user may hold open on one node (tabs and devices); the next is refused.</summary>
    public int MaxConnectionsPerUser { get; set; } = 20;

    /// <summary>Largest message a client may send to the messaging hub.</summary>
    public long MaximumReceiveMessageSize { get; set; } = 32 * 1024;
}
