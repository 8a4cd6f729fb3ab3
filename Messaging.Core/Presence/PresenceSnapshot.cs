namespace Messaging.Core.Presence;

/// <summary>A user's shared status; <see cref="LastSeenAt"/> is set when they went away or offline.</summary>
public sealed record PresenceSnapshot(PresenceStatus Status, DateTime? LastSeenAt)
{
    public static readonly PresenceSnapshot Offline = new(PresenceStatus.Offline, null);
}
