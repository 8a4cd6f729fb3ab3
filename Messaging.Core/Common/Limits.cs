namespace Messaging.Core.Common;

/// <summary>Product limits shared by the API, the hub and the UI.</summary>
public static class Limits
{
    public const int MaxMessageLength = 10_000;
    public const int MaxGroupParticipants = 10;
    public const int MinGroupParticipants = 2;
    public const int MaxTitleLength = 120;
    public const int MaxNameLength = 100;
    public const int MaxAvatarUrlLength = 2048;
    public const int MaxClientMessageIdLength = 100;
    public const int MaxLanguageTagLength = 16;
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 50;
    public const int MaxConversationPageSize = 100;
    public const int MinSearchQueryLength = 2;
    public const int DefaultSearchResults = 20;
    public const int MaxSearchResults = 50;
    public const int DefaultDirectoryResults = 20;
    public const int MaxDirectoryResults = 50;
    public const int DefaultAdminUserPage = 100;
    public const int MaxAdminUserPage = 500;
    public const int MaxSuspensionReasonLength = 500;
    public const int MaxAuditDetailsLength = 2000;
    public const int DefaultAuditPage = 50;
    public const int MaxAuditPage = 200;
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 256;
    public const int PreviewLength = 120;

    public static int Clamp(int? requested, int fallback, int max) => Math.Clamp(requested ?? fallback, 1, max);

    /// <summary>Escapes <c>\</c>, <c>%</c> and <c>_</c> for a LIKE pattern whose escape character is <c>\</c>.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
