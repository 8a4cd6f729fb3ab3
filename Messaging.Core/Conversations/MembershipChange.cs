using Messaging.Core.Encryption;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Conversations;

/// <summary>
/// The shared shape of rename, add, remove and leave: one transaction that changes the group and records system
/// messages, then events to everyone who was or is a member.
/// </summary>
public sealed class MembershipChange(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ConversationCipher cipher,
    MessageMapper mapper,
    IEventBus events,
    TimeProvider time)
{
    public delegate Task ChangeAsync(Scope scope);

    public async Task RunAsync(Guid actorId, Guid conversationId, ChangeAsync change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Scope? scope = null;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var membership = await db.RequireMembershipAsync(conversationId, actorId, cancellationToken);
            scope = new Scope(db, membership, cipher, Common.Clock.UtcNow(time), cancellationToken);
            await change(scope);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        // Read again after the commit: the audience is who is a member now, plus who just stopped being one.
        db.ChangeTracker.Clear();
        var after = await db.LoadMembershipAsync(conversationId, actorId, cancellationToken);
        var everyone = after.Audience.Concat(scope!.FormerMembers).Distinct().ToArray();
        if (scope.SystemMessages.Count > 0)
        {
            var context = after.ReceiptContext();
            foreach (var message in scope.SystemMessages)
            {
                await events.PublishAsync(new MessageEvent(everyone, MessageEventKind.New, mapper.ToView(message, context)), cancellationToken);
            }
        }

        await events.PublishAsync(new ConversationChangedEvent(everyone, conversationId), cancellationToken);
    }

    public sealed class Scope(MessagingDbContext db, Membership membership, ConversationCipher cipher, DateTime now, CancellationToken cancellationToken)
    {
        public MessagingDbContext Db { get; } = db;

        /// <summary>The conversation's membership as read at the start of the change (tracked: changes to its rows are saved).</summary>
        public Membership Membership { get; } = membership;

        public Participant Actor => Membership.Caller;
        public DateTime Now { get; } = now;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        internal List<Message> SystemMessages { get; } = [];
        internal List<Guid> FormerMembers { get; } = [];

        public async Task RecordAsync(SystemEvent systemEvent, Guid? subjectUserId)
        {
            SystemMessages.Add(await Db.AppendSystemMessageAsync(Membership.Conversation, Actor.UserId, systemEvent, subjectUserId, Now, cipher, CancellationToken));
        }

        public void NoteRemoved(Guid userId) => FormerMembers.Add(userId);
    }
}
