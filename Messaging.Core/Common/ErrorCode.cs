namespace Messaging.Core.Common;

/// <summary>What went wrong, for the edge to localize. Core never returns text.</summary>
public enum ErrorCode
{
    ValidationFailed,
    NotFound,
    NotVerified,
    NotAllowed,
    NotGroupAdmin,
    Blocked,
    RecipientRefusesMessages,
    GroupFull,
    GroupTooSmall,
    ParticipantNotVerified,
    ContentTooLong,
    ContentRequired,
    TitleTooLong,
    EmailTaken,
    WeakPassword,
    InvalidCredentials,
    LockedOut,
    InvalidRefreshToken,
    NotSender,
    MessageDeleted,
    DirectConversationIsFixed,
    QueryTooShort,
    CannotMessageYourself,
    RateLimited,
    TooManyConnections,
}
