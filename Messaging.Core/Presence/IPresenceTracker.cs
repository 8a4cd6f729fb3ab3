namespace Messaging.Core.Presence;

/// <summary>
/// Where live connections report in: SignalR hub connections and Blazor circuits alike. A user is online while any
/// of their connections, on any node, is.
/// </summary>
public interface IPresenceTracker
{
    Task ConnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken = default);

    Task DisconnectedAsync(Guid userId, string connectionId, CancellationToken cancellationToken = default);

    /// <summary>The user did something (typed, clicked, sent): keeps them "online" rather than "away".</summary>
    Task ActivityAsync(Guid userId, CancellationToken cancellationToken = default);
}
