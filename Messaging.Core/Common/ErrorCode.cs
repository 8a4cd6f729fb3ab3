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
    EditWindowClosed,
    DirectConversationIsFixed,
    QueryTooShort,
    CannotMessageYourself,
    FileTooLarge,
    FileTypeNotAllowed,
    FileSharingDisabled,
    AttachmentQuotaExceeded,
    AttachmentNotReady,
    MalwareDetected,
    ScanUnavailable,
    RateLimited,
    TooManyConnections,
    Suspended,
    CannotModerateYourself,
    PinLimitReached,
    ReportAlreadyResolved,
    AckNotRequested,
    CannotAcknowledgeOwnMessage,
    ForwardFromEncrypted,
    NothingToForward,

    /// <summary>The database has no connection free right now (pool exhausted, connect timed out): 503, try again shortly.</summary>
    ServerBusy,

    /// <summary>The password was right, but the account has not opened its confirmation link yet.</summary>
    EmailNotConfirmed,

    /// <summary>A "download my data" export is still being built; one at a time per person.</summary>
    ExportInProgress,

    /// <summary>The password given to confirm deleting the account is not the account's password.</summary>
    WrongPassword,

    /// <summary>Taking the administrator role from the only administrator left (oneself included): someone must remain.</summary>
    LastAdministrator,

    /// <summary>Only a verified person who is not suspended can be made an administrator.</summary>
    AdministratorNotVerified,
}
