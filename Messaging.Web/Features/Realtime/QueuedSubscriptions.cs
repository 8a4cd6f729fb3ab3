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
/// Opens the queued subscriptions of this node's hub connections and circuits, and knows them by user, so that
/// something that ends a user's access can end all of them at once (<see cref="CloseUser"/>).
/// </summary>
public sealed class QueuedSubscriptions(IEventBus bus, IOptions<SubscriberOptions> options, ILogger<QueuedSubscription> logger)
{
    private readonly ConcurrentDictionary<QueuedSubscription, byte> open = new();

    /// <summary>Open subscriptions on this node.</summary>
    public int Count => open.Count;

    /// <param name="userId">Whose events.</param>
    /// <param name="kind">"hub" or "circuit", for the logs.</param>
    /// <param name="deliver">Hands one event over; called by the subscription's own pump, one event at a time, in order.</param>
    /// <param name="ended">Called once when the subscription ends for <see cref="SubscriptionEndReason.Overflow"/> or <see cref="SubscriptionEndReason.Closed"/>.</param>
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

    /// <summary>
    /// Ends every subscription of <paramref name="userId"/> on this node with <see cref="SubscriptionEndReason.Closed"/>:
    /// hub connections are aborted, circuits are told (they leave the chat screen). Returns how many ended.
    /// </summary>
    public int CloseUser(Guid userId)
    {
        var count = 0;
        foreach (var subscription in open.Keys.Where(s => s.UserId == userId))
        {
            subscription.End(SubscriptionEndReason.Closed);
            count++;
        }

        return count;
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
