using System.Net;
using Messaging.Core.Messages;

namespace Messaging.Core.Search;

/// <summary>A matched word in a result's content: UTF-16 offsets, as JavaScript and C# index strings.</summary>
public sealed record HighlightSpan(int Start, int Length);

/// <summary>Finds the query's words in the original content (through the folding's index map) for marking.</summary>
public static class SearchHighlights
{
    private const int Context = 40;

    public static IReadOnlyList<HighlightSpan> Find(string content, SearchQuery query)
    {
        var folded = TextNormalizer.Normalize(content, out var origins);
        var spans = new List<HighlightSpan>();
        foreach (var (start, length) in SearchDocument.Words(folded))
        {
            var word = folded.Substring(start, length);
            if (query.Terms.Any(t => t.Matches(word)))
            {
                var from = origins[start];
                var to = start + length < origins.Length ? origins[start + length] : content.Length;
                spans.Add(new HighlightSpan(from, to - from));
            }
        }

        return spans;
    }

    /// <summary>Whether every word of the query occurs in the content (under any of its forms; the last as a prefix).</summary>
    public static bool ContainsAll(string content, SearchQuery query)
    {
        var folded = TextNormalizer.Normalize(content);
        var words = SearchDocument.Words(folded).Select(w => folded.Substring(w.Start, w.Length)).ToArray();
        return query.Terms.All(t => words.Any(t.Matches));
    }

    /// <summary>An HTML-encoded excerpt around the first match with every match in it wrapped in &lt;mark&gt;.</summary>
    public static string Excerpt(string content, IReadOnlyList<HighlightSpan> spans)
    {
        if (spans.Count == 0)
        {
            return WebUtility.HtmlEncode(ConversationTimeline.Preview(content));
        }

        var start = Math.Max(0, spans[0].Start - Context);
        var end = Math.Min(content.Length, spans[0].Start + spans[0].Length + (Context * 2));
        var html = new System.Text.StringBuilder(start > 0 ? "…" : "");
        var at = start;
        foreach (var span in spans.Where(s => s.Start >= start && s.Start + s.Length <= end))
        {
            html.Append(WebUtility.HtmlEncode(content[at..span.Start])).Append("<mark>")
                .Append(WebUtility.HtmlEncode(content.Substring(span.Start, span.Length))).Append("</mark>");
            at = span.Start + span.Length;
        }

        return html.Append(WebUtility.HtmlEncode(content[at..end])).Append(end < content.Length ? "…" : "").ToString();
    }
}
