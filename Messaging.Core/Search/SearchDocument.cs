using System.Text;

namespace Messaging.Core.Search;

/// <summary>
/// What the databases index for a message: its folded words, each followed by its other findable forms
/// (<see cref="WordVariants"/>), separated by spaces. Both SQLite FTS5 and PostgreSQL split this on spaces alone,
/// so the two databases see exactly the same tokens and find the same messages.
/// </summary>
public static class SearchDocument
{
    /// <summary>The words of folded text: runs of letters and digits, as (start, length).</summary>
    public static IEnumerable<(int Start, int Length)> Words(string folded)
    {
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    /// <summary>The index text of a message's content; null when it has no words.</summary>
    public static string? For(string? content)
    {
        var folded = TextNormalizer.Normalize(content);
        var builder = new StringBuilder(folded.Length * 2);
        foreach (var (start, length) in Words(folded))
        {
            foreach (var form in WordVariants.Of(folded.Substring(start, length)))
            {
                builder.Append(builder.Length > 0 ? " " : "").Append(form);
            }
        }

        return builder.Length > 0 ? builder.ToString() : null;
    }
}
