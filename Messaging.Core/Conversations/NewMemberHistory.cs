namespace Messaging.Core.Conversations;

/// <summary>
/// Where a newly added (or re-added) member's history starts. Every read of messages (pages, catch-up, search,
/// receipts, replies, attachments) hides what is at or before <see cref="Participant.ClearedThroughSequence"/>,
/// so this one number decides what a newcomer can see.
/// </summary>
public static class NewMemberHistory
{
    /// <summary>
    /// 0 (everything) when the admin shares history in a conversation that is not encrypted; otherwise the last
    /// sequence so far, so the newcomer sees only messages from the moment they were added. An encrypted
    /// conversation never shares earlier history: its members wrote under the expectation that only they read it.
    /// </summary>
    public static long StartsAfter(Conversation conversation, bool shareHistory) =>
        shareHistory && !conversation.IsEncrypted ? 0 : conversation.LastSequence;
}
