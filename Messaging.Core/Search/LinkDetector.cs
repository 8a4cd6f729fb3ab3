using System.Text.RegularExpressions;

namespace Messaging.Core.Search;

/// <summary>Whether a message contains a web link, for the "has link" filter (decided once, when it is written).</summary>
public static partial class LinkDetector
{
    public static bool HasLink(string? content) => !string.IsNullOrEmpty(content) && Link().IsMatch(content);

    [GeneratedRegex(@"(\bhttps?://|\bwww\.)\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Link();
}
