using Messaging.Core.Common;
using Messaging.Core.Messages;

namespace Messaging.Core.Search;

/// <summary>What a result must contain besides text: a file, an image or a link.</summary>
public enum SearchHas
{
    File,
    Image,
    Link,
}

/// <summary>A search as the contract states it: the words, then the filters and the page.</summary>
public sealed record SearchRequest(
    string? Query,
    Guid? ConversationId = null,
    Guid? FromUserId = null,
    string? Has = null,
    DateTime? Before = null,
    DateTime? After = null,
    int? Limit = null,
    int? Offset = null)
{
    /// <summary>Deep pages cost the database more than a person ever reads; refine the query instead.</summary>
    public const int MaxOffset = 1000;

    public SearchHas? ParseHas() => Has switch
    {
        null or "" => null,
        "file" => SearchHas.File,
        "image" => SearchHas.Image,
        "link" => SearchHas.Link,
        _ => throw new MessagingException(ErrorCode.ValidationFailed, "has"),
    };

    public int Take => Limits.Clamp(Limit, Limits.DefaultSearchResults, Limits.MaxSearchResults);

    public int Skip => Math.Clamp(Offset ?? 0, 0, MaxOffset);

    internal static MessageType? TypeFor(SearchHas? has) => has switch
    {
        SearchHas.File => MessageType.File,
        SearchHas.Image => MessageType.Image,
        _ => null,
    };
}
