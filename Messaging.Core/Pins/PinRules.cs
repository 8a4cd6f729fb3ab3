namespace Messaging.Core.Pins;

/// <summary>How many messages a conversation may keep pinned at once.</summary>
public static class PinRules
{
    /// <summary>Beyond this a pin no longer stands out; the next pin is refused until one is taken off.</summary>
    public const int MaxPerConversation = 50;
}
