namespace Messaging.Core.Conversations;

public enum ParticipantRole
{
    Member,
    Admin,
}
