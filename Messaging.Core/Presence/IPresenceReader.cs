namespace Messaging.Core.Presence;

/// <summary>Who is online now, as far as this node knows (in memory, or Redis across nodes).</summary>
public interface IPresenceReader
{
    PresenceStatus GetStatus(Guid userId);
}
