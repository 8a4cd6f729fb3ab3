namespace Messaging.Core.Search;

/// <summary>
/// The other forms under which a folded word is also findable: Arabic words without their optional prefixes
/// (the conjunctions و ف, the prepositions ب ل, the article ال, in that order and combined, ل+ال written لل), and
/// English plurals without their "s". Light on purpose: every form is a real prefix or suffix removal, never a root.
/// </summary>
public static class WordVariants
{
    // Longest first, so "وبال" is tried before "وب" and "و".
    private static readonly string[] ArabicPrefixes = BuildArabicPrefixes();

    /// <summary>The word itself first, then each distinct shorter form.</summary>
    public static IReadOnlyList<string> Of(string word)
    {
        var forms = new List<string>(3) { word };
        foreach (var prefix in ArabicPrefixes)
        {
            // An article may stand before a two-letter word (اليد); a bare preposition or conjunction needs three.
            var minimum = prefix.EndsWith("ال", StringComparison.Ordinal) || prefix.EndsWith("لل", StringComparison.Ordinal) ? 2 : 3;
            if (word.Length - prefix.Length >= minimum && word.StartsWith(prefix, StringComparison.Ordinal))
            {
                Add(forms, word[prefix.Length..]);
            }
        }

        if (EnglishSingular(word) is { } singular)
        {
            Add(forms, singular);
        }

        return forms;
    }

    /// <summary>"pens"→"pen", "boxes"→"box", "cities"→"city"; "bus", "glass", "this" stay.</summary>
    internal static string? EnglishSingular(string word)
    {
        if (word.Length < 4 || word[^1] != 's' || !IsAsciiWord(word))
        {
            return null;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length >= 5)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("zes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        return word.EndsWith("ss", StringComparison.Ordinal) || word.EndsWith("us", StringComparison.Ordinal)
            || word.EndsWith("is", StringComparison.Ordinal)
            ? null
            : word[..^1];
    }

    private static bool IsAsciiWord(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(List<string> forms, string form)
    {
        if (!forms.Contains(form))
        {
            forms.Add(form);
        }
    }

    private static string[] BuildArabicPrefixes()
    {
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var conjunction in new[] { "", "و", "ف" })
        {
            foreach (var preposition in new[] { "", "ب", "ل" })
            {
                foreach (var article in new[] { "", "ال" })
                {
                    // ل followed by ال loses the alef in writing: ل + الطالب = للطالب.
                    var prefix = preposition == "ل" && article == "ال" ? conjunction + "لل" : conjunction + preposition + article;
                    if (prefix.Length > 0)
                    {
                        prefixes.Add(prefix);
                    }
                }
            }
        }

        return [.. prefixes.OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal)];
    }
}
