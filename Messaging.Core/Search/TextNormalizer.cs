using System.Globalization;
using System.Text;

namespace Messaging.Core.Search;

/// <summary>
/// Folds text so that the ways people type the same word match: Arabic diacritics and tatweel removed, alef forms
/// unified, ى→ي, ة→ه, hamza on waw or yaa (ؤ ئ) written as the bare hamza ء (مسؤول = مسئول), Persian kaf and yaa
/// as Arabic, Arabic-Indic digits as 0-9; Latin lower-cased with accents removed. Used on stored text and on
/// queries alike.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text) => Fold(text, null);

    /// <summary>Folds <paramref name="text"/> and tells, for each folded character, the index of the original it came from.</summary>
    public static string Normalize(string text, out int[] origins)
    {
        var map = new List<int>(text.Length);
        var folded = Fold(text, map);
        origins = [.. map];
        return folded;
    }

    private static string Fold(string? text, List<int>? origins)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            // Surrogate pairs pass through whole; everything else is decomposed so accents and hamza become marks.
            var piece = char.IsSurrogatePair(text, i) ? text.Substring(i++, 2)
                : Substitute(text[i]) is { } substitute ? substitute.ToString()
                : text[i].ToString().Normalize(NormalizationForm.FormD);
            var origin = char.IsLowSurrogate(text[i]) && i > 0 ? i - 1 : i;
            foreach (var c in piece)
            {
                var folded = FoldChar(c);
                if (folded is { } kept)
                {
                    builder.Append(kept);
                    origins?.Add(origin);
                }
            }
        }

        return builder.ToString();
    }

    // Letters whose decomposition would lose what tells them apart, or that have a plainer twin, replaced whole.
    private static char? Substitute(char c) => c switch
    {
        // The seat of a hamza varies with spelling habits (مسؤول / مسئول, تفاؤل / تفائل): only the hamza counts.
        'ؤ' or 'ئ' => 'ء',
        'ک' => 'ك',
        'ی' => 'ي',
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
        _ => null,
    };

    private static char? FoldChar(char c) => c switch
    {
        '\u0640' => null, // tatweel
        'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        // Arabic harakat, shadda, sukun, superscript alef, and Latin combining accents.
        _ when CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark => null,
        _ => char.ToLowerInvariant(c),
    };
}
