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
}
