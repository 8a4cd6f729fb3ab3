using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Conversations;

/// <summary>One row of a conversation's membership: the participant (active or former) with what the use cases need of its user.</summary>
public sealed record Member(Participant Participant, VerificationStatus Status, string Name, string? AvatarUrl, bool SendsReadReceipts)
{
    public Guid UserId => Participant.UserId;
    public bool IsActive => Participant.IsActive;

    /// <summary>Created the conversation, accepted the invite or wrote in it; a pending member is invited but has not.</summary>
    public bool IsAccepted => Participant.AcceptedAt is not null;

    /// <summary>A block stands between this member and the caller, either way (in groups too).</summary>
    public bool BlockedWithCaller { get; init; }
}

/// <summary>
/// Everything a use case needs to decide whether the caller may act on a conversation, read ONCE: the conversation,
/// every participant row (active and former, with receipt pointers and the user's name and settings) and whether a
/// block stands between the caller and the other person of a direct conversation.
/// Every conversation-scoped use case refuses in the same order with the same error:
/// <list type="number">
/// <item>not an active member (including unknown ids and removed members): <see cref="ErrorCode.NotFound"/>, so guessing ids teaches nothing;</item>
/// <item>the caller's verification was withdrawn: <see cref="ErrorCode.NotVerified"/>;</item>
/// <item>a block in a direct conversation: <see cref="ErrorCode.Blocked"/> (sending only);</item>
/// <item>a group-only action on a direct conversation: <see cref="ErrorCode.DirectConversationIsFixed"/>; not an admin: <see cref="ErrorCode.NotGroupAdmin"/>.</item>
/// </list>
/// </summary>
public sealed class Membership
{
    private readonly Conversation? conversation;
    private readonly Member? caller;

    internal Membership(Guid callerId, Conversation? conversation, IReadOnlyList<Member> members, bool isBlocked)
    {
        CallerId = callerId;
        this.conversation = conversation;
        Members = members;
        IsBlocked = isBlocked;
        caller = members.FirstOrDefault(m => m.UserId == callerId && m.IsActive);
    }

    public Guid CallerId { get; }

    /// <summary>All participant rows, former members included (their pointers and names still matter for history).</summary>
    public IReadOnlyList<Member> Members { get; }

    /// <summary>A block either way between the caller and the other person of a direct conversation.</summary>
    public bool IsBlocked { get; }

    /// <summary>The caller's own active participant row; only after <see cref="RequireActive"/>.</summary>
    public Participant Caller => (caller ?? throw new MessagingException(ErrorCode.NotFound)).Participant;

    public string CallerName => (caller ?? throw new MessagingException(ErrorCode.NotFound)).Name;

    public Conversation Conversation => conversation ?? throw new MessagingException(ErrorCode.NotFound);

    public bool IsGroup => Conversation.Type == ConversationType.Group;

    /// <summary>Who hears about what happens in the conversation: its active members.</summary>
    public IReadOnlyList<Guid> Audience => Members.Where(m => m.IsActive).Select(m => m.UserId).ToArray();

    /// <summary>The active members but the caller.</summary>
    public IReadOnlyList<Guid> Others => Members.Where(m => m.IsActive && m.UserId != CallerId).Select(m => m.UserId).ToArray();

    /// <summary>The other members who may see the caller's activity here (typing, receipts): see <see cref="ActivityAudience"/>.</summary>
    public IReadOnlyList<Member> ActivityWatchers
    {
        get
        {
            var callerAccepted = caller?.IsAccepted ?? false;
            return Members.Where(m => m.IsActive && m.UserId != CallerId
                                      && ActivityAudience.Sees(callerAccepted, m.IsAccepted, m.BlockedWithCaller)).ToArray();
        }
    }

    public ConversationCapabilities Capabilities => ConversationCapabilities.For(Conversation.Type, Caller.Role, CallerId);

    /// <summary>The caller is an active, verified member; see the class summary for the order of refusals.</summary>
    public Membership RequireActive()
    {
        if (caller is null || conversation is null)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        // A member whose verification was withdrawn keeps no access; telling them why leaks nothing they did not know.
        return caller.Status == VerificationStatus.Verified ? this : throw new MessagingException(ErrorCode.NotVerified);
    }

    public Membership RequireNotBlocked() => IsBlocked ? throw new MessagingException(ErrorCode.Blocked) : this;

    /// <summary>Group-only actions (rename, add, remove, leave) on a direct conversation are refused.</summary>
    public Membership RequireGroup() =>
        IsGroup ? this : throw new MessagingException(ErrorCode.DirectConversationIsFixed);

    public Membership RequireGroupAdmin()
    {
        RequireGroup();
        return Caller.Role == ParticipantRole.Admin ? this : throw new MessagingException(ErrorCode.NotGroupAdmin);
    }

    /// <summary>What <paramref name="viewerId"/> sees of the members' receipts, for mapping messages to views.</summary>
    internal MessageMapper.ReceiptContext ReceiptContext(Guid viewerId) =>
        new(
            Conversation,
            Members.Select(m => new MessageMapper.ReceiptPointer(
                m.UserId, m.IsActive, m.Participant.LastReadSequence, m.Participant.LastReadAt,
                m.Participant.LastDeliveredSequence, m.Participant.LastDeliveredAt, m.SendsReadReceipts)
            {
                // A member's receipts show only to those who may see their activity (ActivityAudience).
                Visible = m.UserId == viewerId || ActivityAudience.Sees(m.IsAccepted, IsAccepted(viewerId), BlockedBetween(viewerId, m)),
            }).ToArray(),
            Members.ToDictionary(m => m.UserId, m => (m.Name, m.AvatarUrl)),
            Members.FirstOrDefault(m => m.UserId == viewerId)?.SendsReadReceipts ?? true);

    internal MessageMapper.ReceiptContext ReceiptContext() => ReceiptContext(CallerId);

    private bool IsAccepted(Guid userId) => Members.Any(m => m.UserId == userId && m.IsAccepted);

    // Blocks are read relative to the caller; for another viewer only the caller's own rows are known.
    private bool BlockedBetween(Guid viewerId, Member member) =>
        viewerId == CallerId
            ? member.BlockedWithCaller
            : member.UserId == CallerId && Members.Any(m => m.UserId == viewerId && m.BlockedWithCaller);
}

/// <summary>Loads a <see cref="Membership"/> in one database round trip.</summary>
public static class MembershipLoader
{
    /// <summary>
    /// One query: every participant row of the conversation joined with its user and the conversation, and for each
    /// row whether it blocks the caller or the caller blocks it. Entities are tracked, so a use case may change the
    /// participant rows and the conversation and save them in the same context.
    /// </summary>
    public static async Task<Membership> LoadMembershipAsync(
        this MessagingDbContext db, Guid conversationId, Guid callerId, CancellationToken cancellationToken)
    {
        var rows = await db.Participants
            .Where(p => p.ConversationId == conversationId)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new
            {
                Participant = p,
                p.Conversation,
                u.VerificationStatus,
                u.Name,
                u.DeletedAt,
                u.AvatarUrl,
                u.SendReadReceipts,
                Blocking = p.UserId != callerId && db.Blocks.Any(b =>
                    (b.BlockerId == p.UserId && b.BlockedId == callerId) || (b.BlockerId == callerId && b.BlockedId == p.UserId)),
            })
            .ToListAsync(cancellationToken);

        var conversation = rows.Select(r => r.Conversation).FirstOrDefault();
        var members = rows.Select(r => new Member(r.Participant, r.VerificationStatus, DataRights.DeletedAccount.NameOf(r.Name, r.DeletedAt), r.AvatarUrl, r.SendReadReceipts) { BlockedWithCaller = r.Blocking }).ToArray();
        // Blocks only stop direct conversations: in a group, people who blocked each other may still both take part.
        var blocked = conversation?.Type == ConversationType.Direct && rows.Any(r => r.Blocking);
        return new Membership(callerId, conversation, members, blocked);
    }

    /// <summary>Loads the membership and requires the caller to be an active, verified member.</summary>
    public static async Task<Membership> RequireMembershipAsync(
        this MessagingDbContext db, Guid conversationId, Guid callerId, CancellationToken cancellationToken) =>
        (await db.LoadMembershipAsync(conversationId, callerId, cancellationToken)).RequireActive();
}
