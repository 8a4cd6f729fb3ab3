namespace Messaging.Web.Features.Conversations;

/// <summary>
/// Finds the "@Name" of each mentioned participant in a piece of message text, so the bubble can mark it. Only names of
/// people the message really mentions (by id) are marked: typing "@Sara" without choosing her highlights nothing.
/// </summary>
public static class MentionHighlights
{
    /// <summary>A mentioned participant as the bubble shows them; <paramref name="IsMe"/> draws it stronger.</summary>
    public sealed record Mentioned(string Name, bool IsMe);

    /// <summary>A piece of text: plain, or an "@Name" with who it names.</summary>
    public sealed record Piece(string Text, Mentioned? Mention);

    public static IReadOnlyList<Piece> Split(string text, IReadOnlyList<Mentioned> mentioned)
    {
        if (mentioned.Count == 0 || !text.Contains('@', StringComparison.Ordinal))
        {
            return [new Piece(text, null)];
        }

        // Longest names first, so "@Sara Ali" wins over "@Sara" at the same place.
        var names = mentioned.Where(m => m.Name.Length > 0).OrderByDescending(m => m.Name.Length).ToArray();
        var pieces = new List<Piece>();
        var start = 0;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        while (at >= 0)
        {
            var match = names.FirstOrDefault(m => string.CompareOrdinal(text, at + 1, m.Name, 0, m.Name.Length) == 0);
            if (match is null)
            {
                at = text.IndexOf('@', at + 1);
                continue;
            }

            if (at > start)
            {
                pieces.Add(new Piece(text[start..at], null));
            }

            var end = at + 1 + match.Name.Length;
            pieces.Add(new Piece(text[at..end], match));
            start = end;
            at = end < text.Length ? text.IndexOf('@', end) : -1;
        }

        if (start < text.Length)
        {
            pieces.Add(new Piece(text[start..], null));
        }

        return pieces;
    }
}
