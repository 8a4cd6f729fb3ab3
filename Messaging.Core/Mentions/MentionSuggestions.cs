using Messaging.Core.Search;

namespace Messaging.Core.Mentions;

/// <summary>A participant the composer can offer after "@".</summary>
public sealed record MentionCandidate(Guid UserId, string Name);

/// <summary>
/// The composer's list after "@": participants whose name, or a word of it, starts with what was typed. Folded with the
/// search normalizer, so "@احمد" finds "أحمد" and "@jose" finds "José".
/// </summary>
public static class MentionSuggestions
{
    public const int MaxShown = 8;

    public static IReadOnlyList<MentionCandidate> Find(IEnumerable<MentionCandidate> participants, string typed)
    {
        var query = TextNormalizer.Normalize(typed);
        return participants
            .Select(p => (Candidate: p, Rank: Rank(TextNormalizer.Normalize(p.Name), query)))
            .Where(p => p.Rank >= 0)
            .OrderBy(p => p.Rank)
            .ThenBy(p => p.Candidate.Name, StringComparer.CurrentCulture)
            .Take(MaxShown)
            .Select(p => p.Candidate)
            .ToArray();
    }

    // 0: the name starts with it; 1: a later word does; -1: no match.
    private static int Rank(string name, string query)
    {
        if (query.Length == 0 || name.StartsWith(query, StringComparison.Ordinal))
        {
            return 0;
        }

        return name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Any(w => w.StartsWith(query, StringComparison.Ordinal)) ? 1 : -1;
    }
}
