using Messaging.Core.Common;

namespace Messaging.Web.Hosting;

internal static class ErrorStatus
{
    public static int Of(ErrorCode code) => code switch
    {
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.NotVerified or ErrorCode.NotAllowed or ErrorCode.NotGroupAdmin or ErrorCode.Blocked
            or ErrorCode.RecipientRefusesMessages or ErrorCode.NotSender or ErrorCode.EditWindowClosed => StatusCodes.Status403Forbidden,
        ErrorCode.GroupFull or ErrorCode.EmailTaken or ErrorCode.MessageDeleted => StatusCodes.Status409Conflict,
        ErrorCode.InvalidCredentials or ErrorCode.InvalidRefreshToken => StatusCodes.Status401Unauthorized,
        ErrorCode.LockedOut or ErrorCode.RateLimited or ErrorCode.TooManyConnections => StatusCodes.Status429TooManyRequests,
        ErrorCode.FileTooLarge or ErrorCode.AttachmentQuotaExceeded => StatusCodes.Status413PayloadTooLarge,
        ErrorCode.FileTypeNotAllowed => StatusCodes.Status415UnsupportedMediaType,
        ErrorCode.FileSharingDisabled or ErrorCode.Suspended or ErrorCode.EmailNotConfirmed => StatusCodes.Status403Forbidden,
        ErrorCode.CannotModerateYourself or ErrorCode.ReportAlreadyResolved or ErrorCode.LastAdministrator or ErrorCode.AdministratorNotVerified => StatusCodes.Status409Conflict,
        ErrorCode.CannotAcknowledgeOwnMessage or ErrorCode.ForwardFromEncrypted => StatusCodes.Status403Forbidden,
        ErrorCode.AckNotRequested => StatusCodes.Status409Conflict,
        ErrorCode.AttachmentNotReady => StatusCodes.Status409Conflict,
        ErrorCode.PinLimitReached => StatusCodes.Status409Conflict,
        ErrorCode.ExportInProgress => StatusCodes.Status409Conflict,
        ErrorCode.ScanUnavailable or ErrorCode.ServerBusy => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
