namespace Messaging.Core.Search;

/// <summary>
/// Where the database starts a search (ADR 0037). Both plans return the same results in the same order; they differ
/// only in cost, so the handler picks one from the number of messages the caller can read.
/// </summary>
public enum SearchPlan
{
    /// <summary>Member-first below <see cref="SearchPlanner.MemberFirstBelow"/> readable messages, index-first above.</summary>
    Automatic,

    /// <summary>
    /// Start from the text index: every message with the words, then keep the caller's. Cheap for rare words and for
    /// people who can read a large share of all messages.
    /// </summary>
    IndexFirst,

    /// <summary>
    /// Start from the caller's readable messages (participations, then <c>Messages (ConversationId, Sequence)</c>),
    /// and only rank and join the matches among them. Cheap when the caller reads few messages, whatever the word.
    /// </summary>
    MemberFirst,
}
