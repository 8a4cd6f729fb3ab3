using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Messaging.Core.Realtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Realtime;

/// <summary>The <c>Messaging:Realtime:Subscribers</c> section.</summary>
public sealed class SubscriberOptions
{
    public const string Section = "Messaging:Realtime:Subscribers";

    /// <summary>
    /// How many events one hub connection or circuit may have waiting before it is cut off (hub) or told to reload
    /// (circuit). A client that reads normally never has more than a handful.
    /// </summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1_000;
}

/// <summary>
/// Opens the queued subscriptions of this node's hub connections and circuits and counts them. Ending a user's access
/// does not go through here: AccessRevocation re-checks each connection and circuit against the fresh state (ADR 0046),
/// because a change of access (one session ended, a verification granted) does not end every subscription of the user.
/// </summary>
public sealed class QueuedSubscriptions(IEventBus bus, IOptions<SubscriberOptions> options, ILogger<QueuedSubscription> logger)
{
    private readonly ConcurrentDictionary<QueuedSubscription, byte> open = new();

    /// <summary>Open subscriptions on this node.</summary>
    public int Count => open.Count;

    /// <param name="userId">Whose events.</param>
    /// <param name="kind">"hub" or "circuit", for the logs.</param>
    /// <param name="deliver">Hands one event over; called by the subscription's own pump, one event at a time, in order.</param>
    /// <param name="ended">Called once when the subscription ends for <see cref="SubscriptionEndReason.Overflow"/>.</param>
    /// <param name="started">Runs on the pump once the bus subscription is in place, before any event is handed over.</param>
    /// <param name="capacity">Overrides <see cref="SubscriberOptions.QueueCapacity"/>.</param>
    public QueuedSubscription Open(
        Guid userId,
        string kind,
        Func<MessagingEvent, CancellationToken, Task> deliver,
        Action<SubscriptionEndReason> ended,
        Func<CancellationToken, Task>? started = null,
        int? capacity = null)
    {
        var subscription = new QueuedSubscription(
            bus, userId, kind, capacity ?? options.Value.QueueCapacity, deliver, ended, started, s => open.TryRemove(s, out _), logger);
        open[subscription] = 0;
        if (subscription.EndReason is not null)
        {
            open.TryRemove(subscription, out _);
        }

        return subscription;
    }
}

public static class QueuedSubscriptionsSetup
{
    /// <summary>Shared by the hub and the Blazor UI; safe to call from both.</summary>
    public static IServiceCollection AddQueuedSubscriptions(this IServiceCollection services)
    {
        services.AddOptions<SubscriberOptions>().BindConfiguration(SubscriberOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<QueuedSubscriptions>();
        return services;
    }
}
