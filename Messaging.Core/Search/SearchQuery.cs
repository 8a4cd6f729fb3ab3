using Messaging.Core.Common;

namespace Messaging.Core.Search;

/// <summary>One word of a query and the forms it may take in a message (<see cref="WordVariants"/>).</summary>
public sealed record SearchTerm(string Word, IReadOnlyList<string> Forms, bool IsPrefix)
{
    /// <summary>Whether a folded word of a message is this term.</summary>
    public bool Matches(string word)
    {
        foreach (var candidate in WordVariants.Of(word))
        {
            foreach (var form in Forms)
            {
                if (IsPrefix ? candidate.StartsWith(form, StringComparison.Ordinal) : candidate == form)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>
/// A user's query, folded and split exactly as messages are (<see cref="SearchDocument"/>): every word must occur,
/// each under any of its forms, and the last word may be unfinished (prefix match while typing).
/// </summary>
public sealed class SearchQuery
{
    /// <summary>More words add nothing a person types and only make the database work harder.</summary>
    public const int MaxTerms = 8;

    private SearchQuery(IReadOnlyList<SearchTerm> terms) => Terms = terms;

    public IReadOnlyList<SearchTerm> Terms { get; }

    /// <summary>The query's terms, or <see cref="ErrorCode.QueryTooShort"/> when fewer than two letters remain after folding.</summary>
    public static SearchQuery Parse(string? text)
    {
        var folded = TextNormalizer.Normalize(text);
        var words = SearchDocument.Words(folded).Select(w => folded.Substring(w.Start, w.Length)).Distinct(StringComparer.Ordinal).Take(MaxTerms).ToArray();
        if (words.Sum(w => w.Length) < Limits.MinSearchQueryLength)
        {
            throw new MessagingException(ErrorCode.QueryTooShort, "query");
        }

        return new SearchQuery([.. words.Select((w, i) => new SearchTerm(w, WordVariants.Of(w), i == words.Length - 1))]);
    }

    /// <summary>SQLite FTS5 MATCH syntax: quoted tokens, so no word is read as an operator.</summary>
    public string ToFts5() => ToFts5(new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>
    /// FTS5 MATCH syntax where each prefix form that only a few indexed words start with is those whole words
    /// (<see cref="SqliteSearchTerms"/>): the same matches, without FTS5's up-front prefix merge over the whole index.
    /// BM25 then scores each word as a phrase of its own (one word: the same score as the prefix).
    /// </summary>
    public string ToFts5(IReadOnlyDictionary<string, IReadOnlyList<string>> wholeWords) => string.Join(" AND ", Terms.Select(t =>
        "(" + string.Join(" OR ", t.Forms.Select(f =>
            !t.IsPrefix ? "\"" + f + "\""
            : wholeWords.TryGetValue(f, out var words) ? string.Join(" OR ", words.Select(w => "\"" + w + "\""))
            : "\"" + f + "\"*")) + ")"));

    /// <summary>
    /// The phrases of <see cref="ToFts5(IReadOnlyDictionary{string, IReadOnlyList{string}})"/> in FTS5's order, each one
    /// whole word, or null when a prefix is left (BM25 then needs FTS5's count of the messages with any word it starts).
    /// </summary>
    public IReadOnlyList<string>? Fts5Words(IReadOnlyDictionary<string, IReadOnlyList<string>> wholeWords)
    {
        var phrases = new List<string>();
        foreach (var term in Terms)
        {
            foreach (var form in term.Forms)
            {
                if (!term.IsPrefix)
                {
                    phrases.Add(form);
                }
                else if (wholeWords.TryGetValue(form, out var words))
                {
                    phrases.AddRange(words);
                }
                else
                {
                    return null;
                }
            }
        }

        return phrases;
    }

    /// <summary>PostgreSQL tsquery syntax: quoted lexemes, :* for a prefix.</summary>
    public string ToTsQuery() => string.Join(" & ", Terms.Select(t =>
        "(" + string.Join(" | ", t.Forms.Select(f => "'" + f + "'" + (t.IsPrefix ? ":*" : ""))) + ")"));
}
