using System.Text.RegularExpressions;

namespace Messaging.Core.Search;

/// <summary>Whether a message contains a web link, for the "has link" filter (decided once, when it is written).</summary>
public static partial class LinkDetector
{
    public static bool HasLink(string? content) => !string.IsNullOrEmpty(content) && Link().IsMatch(content);

    // No match timeout: the pattern has no quantifier, so it runs in time linear in the text, and a timeout (wall-clock
    // time) could fire on a starved server and fail an ordinary send.
    [GeneratedRegex(@"(\bhttps?://|\bwww\.)\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
