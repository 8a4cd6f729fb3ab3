namespace Messaging.Core.Accounts;

/// <summary>Who may start a conversation with a user.</summary>
public enum AllowMessagesFrom
{
    Anyone,
    VerifiedOnly,
    ConnectionsOnly,
}
