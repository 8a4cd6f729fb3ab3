namespace Messaging.Core.Conversations;

public enum ConversationType
{
    Direct,
    Group,
}
