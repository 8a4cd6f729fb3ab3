namespace Messaging.Core.Conversations;

internal static class ConversationAccess
{
    public static Conversation Of(this Participant participant) =>
        participant.Conversation ?? throw new InvalidOperationException("Participant loaded without its conversation.");
}
