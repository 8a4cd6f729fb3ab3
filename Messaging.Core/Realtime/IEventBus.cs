namespace Messaging.Core.Realtime;

/// <summary>
/// Tells every node what happened, after the database commit. Listeners subscribe per user; an event reaches the
/// subscribers of every user in its <see cref="MessagingEvent.Recipients"/>, on this node and (with Redis) all others.
/// </summary>
public interface IEventBus
{
    Task PublishAsync(MessagingEvent messagingEvent, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> for every event addressed to <paramref name="userId"/> until disposed.</summary>
    IDisposable Subscribe(Guid userId, Func<MessagingEvent, Task> handler);
}
