using Messaging.Core.Search;

namespace Messaging.Web.Features.Search;

/// <summary>One run of a result's text: plain, or a matched word to mark.</summary>
public sealed record SnippetPart(string Text, bool Marked);

/// <summary>
/// Cuts a result's content into plain and marked runs from the engine's highlight offsets, around the first match.
/// The UI renders the runs as text (never the engine's HTML excerpt): user text is never markup.
/// </summary>
public static class SearchSnippet
{
    private const int Context = 40;

    public static IReadOnlyList<SnippetPart> Parts(string content, IReadOnlyList<HighlightSpan> spans)
    {
        var valid = spans.Where(s => s.Start >= 0 && s.Length > 0 && s.Start + s.Length <= content.Length).OrderBy(s => s.Start).ToArray();
        var start = valid.Length == 0 ? 0 : Math.Max(0, valid[0].Start - Context);
        var end = valid.Length == 0 ? Math.Min(content.Length, Context * 3) : Math.Min(content.Length, valid[0].Start + valid[0].Length + (Context * 2));
        var parts = new List<SnippetPart>();
        if (start > 0)
        {
            parts.Add(new SnippetPart("…", false));
        }

        var at = start;
        foreach (var span in valid.Where(s => s.Start >= at && s.Start + s.Length <= end))
        {
            if (span.Start > at)
            {
                parts.Add(new SnippetPart(content[at..span.Start], false));
            }

            parts.Add(new SnippetPart(content.Substring(span.Start, span.Length), true));
            at = span.Start + span.Length;
        }

        if (end > at)
        {
            parts.Add(new SnippetPart(content[at..end], false));
        }

        if (end < content.Length)
        {
            parts.Add(new SnippetPart("…", false));
        }

        return parts;
    }
}
