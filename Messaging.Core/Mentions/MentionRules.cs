namespace Messaging.Core.Mentions;

/// <summary>Who a message may mention, in one place for the API, the UI and the planner.</summary>
public static class MentionRules
{
    /// <summary>More names than any real message carries; a longer list is cut, not refused (unknown ids are ignored too).</summary>
    public const int MaxPerMessage = 50;

    /// <summary>
    /// The requested ids that are active participants other than the sender, each once, in the order asked. Anyone
    /// else is dropped silently: the contract says "others ignored", and refusing would tell who is a member.
    /// </summary>
    public static IReadOnlyList<Guid> Keep(IEnumerable<Guid>? requested, Guid senderId, IEnumerable<Guid> participants)
    {
        if (requested is null)
        {
            return [];
        }

        var allowed = participants.ToHashSet();
        return requested.Where(id => id != senderId && allowed.Contains(id)).Distinct().Take(MaxPerMessage).ToArray();
    }
}
