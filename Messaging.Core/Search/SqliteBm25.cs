namespace Messaging.Core.Search;

/// <summary>
/// FTS5's <c>bm25("MessageSearch", 1.0, 0.0)</c>, computed outside SQLite for a query of whole words (ADR 0054).
/// FTS5 counts each phrase's matches over the whole index for every query (its IDF), which for a common word costs
/// more than finding the caller's own matches; the counts kept in <c>MessageSearchTerms</c> answer that in one seek.
/// Same formula, same constants and the same order of floating-point operations as <c>fts5Bm25Function</c>
/// (SQLite's ext/fts5/fts5_aux.c), so the scores equal FTS5's (<c>SearchScopeTests</c> compares them).
/// </summary>
internal static class SqliteBm25
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>FTS5's IDF of a phrase found in <paramref name="hits"/> of <paramref name="rows"/> rows (never zero or below).</summary>
    public static double Idf(long rows, long hits)
    {
        var idf = Math.Log((rows - hits + 0.5) / (hits + 0.5));
        return idf <= 0.0 ? 1e-6 : idf;
    }

    /// <summary>
    /// The relevance of one message (higher is better): <paramref name="phrases"/> are the query's one-word phrases in
    /// FTS5's order, <paramref name="words"/> the message's index text (Core's words separated by spaces), and
    /// <paramref name="otherTokens"/> the tokens of its other columns, which count in its length but weigh nothing.
    /// </summary>
    public static double Score(IReadOnlyList<string> phrases, IReadOnlyList<double> idf, double averageLength, string words, int otherTokens)
    {
        var tokens = words.Split(' ');
        double length = tokens.Length + otherTokens;
        var score = 0.0;
        for (var i = 0; i < phrases.Count; i++)
        {
            var frequency = 0.0;
            foreach (var token in tokens)
            {
                if (string.Equals(token, phrases[i], StringComparison.Ordinal))
                {
                    frequency += 1.0;
                }
            }

            score += idf[i] * (frequency * (K1 + 1.0) / (frequency + (K1 * (1 - B + (B * length / averageLength)))));
        }

        return score;
    }

    /// <summary>
    /// Rows and tokens of the whole index, from FTS5's own "averages" record (row 1 of its data table): a varint row
    /// count, then one varint token total per column (SQLite's varint: big-endian 7-bit groups, a ninth byte of 8).
    /// </summary>
    public static (long Rows, long Tokens) Totals(byte[] averages)
    {
        var position = 0;
        var rows = Varint(averages, ref position);
        long tokens = 0;
        while (position < averages.Length)
        {
            tokens += Varint(averages, ref position);
        }

        return (rows, tokens);
    }

    private static long Varint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (var i = 0; i < 8; i++)
        {
            var b = bytes[position++];
            value = (value << 7) | (uint)(b & 0x7f);
            if ((b & 0x80) == 0)
            {
                return (long)value;
            }
        }

        return (long)((value << 8) | bytes[position++]);
    }
}
