namespace Messaging.Core.Presence;

/// <summary>Who is online now, as far as this node knows (in memory, or Redis across nodes).</summary>
public interface IPresenceReader
{
    PresenceStatus GetStatus(Guid userId);

    /// <summary>Status with the time the user was last seen, when this node or Redis knows it.</summary>
    PresenceSnapshot GetSnapshot(Guid userId) => new(GetStatus(userId), null);
}
