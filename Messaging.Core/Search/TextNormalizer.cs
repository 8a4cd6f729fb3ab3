using System.Globalization;
using System.Text;

namespace Messaging.Core.Search;

/// <summary>
/// Folds text so that the ways people type the same word match: Arabic diacritics and tatweel removed, alef forms
/// unified, ى→ي, ة→ه; Latin lower-cased with accents removed. Used on stored text and on queries alike.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (c)
            {
                case '\u0640': // tatweel
                    continue;
                case 'أ' or 'إ' or 'آ' or 'ٱ':
                    builder.Append('ا');
                    continue;
                case 'ى':
                    builder.Append('ي');
                    continue;
                case 'ة':
                    builder.Append('ه');
                    continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                // Arabic harakat, shadda, sukun, superscript alef and Latin combining accents.
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        // FormD split آ/أ/إ into alef + combining mark; the mark is gone and the alef stays.
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
