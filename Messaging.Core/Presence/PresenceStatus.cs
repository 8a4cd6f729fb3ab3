namespace Messaging.Core.Presence;

public enum PresenceStatus
{
    Offline,
    Online,
    Away,
}
