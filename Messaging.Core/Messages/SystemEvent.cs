namespace Messaging.Core.Messages;

/// <summary>What a system message records. Stored as a code so every reader sees it in their own language.</summary>
public enum SystemEvent
{
    ConversationCreated,
    Renamed,
    ParticipantAdded,
    ParticipantRemoved,
    ParticipantLeft,
    AdminPromoted,

    /// <summary>A group admin changed how long messages are kept (the chat's retention line shows the new period).</summary>
    RetentionChanged,
}
