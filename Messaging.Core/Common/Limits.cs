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
    public const int MaxSearchResults = 50;
    public const int PreviewLength = 120;

    public static int Clamp(int? requested, int fallback, int max) => Math.Clamp(requested ?? fallback, 1, max);
}
