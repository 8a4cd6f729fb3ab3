using System.Globalization;
using System.Text;
using Messaging.Core.Common;

namespace Messaging.Core.Reactions;

/// <summary>What counts as a reaction: exactly one emoji (one grapheme, skin tones and ZWJ sequences included).</summary>
public static class ReactionRules
{
    /// <summary>The quick set offered beside every message; the picker offers the rest.</summary>
    public static readonly IReadOnlyList<string> QuickSet = ["👍", "❤️", "😂", "😮", "🙏", "✅"];

    /// <summary>The longest ZWJ family sequences are about a dozen UTF-16 units; anything much longer is not one emoji.</summary>
    public const int MaxLength = 32;

    /// <summary>Different emoji one person may leave on one message, so a message cannot be flooded.</summary>
    public const int MaxPerUserPerMessage = 20;

    /// <summary>The emoji, normalized; refuses text, several emoji and markup.</summary>
    public static string Validate(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > MaxLength)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "emoji");
        }

        var normalized = emoji.Normalize(NormalizationForm.FormC);
        if (new StringInfo(normalized).LengthInTextElements != 1 || !IsEmoji(normalized))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "emoji");
        }

        return normalized;
    }

    private static bool IsEmoji(string grapheme)
    {
        var runes = grapheme.EnumerateRunes().ToArray();
        // Keycaps (1️⃣, #️⃣) start with an ASCII character and end with the combining keycap.
        if (runes[^1].Value == 0x20E3)
        {
            return runes.Length >= 2 && (Rune.IsDigit(runes[0]) || runes[0].Value is '#' or '*');
        }

        // Flags are pairs of regional indicators; everything else starts with a symbol (letters, digits, spaces are text).
        var first = runes[0];
        var isSymbol = Rune.GetUnicodeCategory(first) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol
            || first.Value is >= 0x1F1E6 and <= 0x1F1FF
            || first.Value is 0x203C or 0x2049;
        return isSymbol && runes.All(r => !Rune.IsLetterOrDigit(r) && !Rune.IsWhiteSpace(r) && !Rune.IsControl(r) && r.Value is not '<' and not '>');
    }

    /// <summary>Groups the rows of one message by emoji, first-used emoji first.</summary>
    public static IReadOnlyList<ReactionView> Summarize(IEnumerable<Reaction> reactions) =>
        reactions
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.UserId)
            .GroupBy(r => r.Emoji, StringComparer.Ordinal)
            .Select(g => new ReactionView(g.Key, g.Count(), g.Select(r => r.UserId).ToArray()))
            .ToArray();
}
