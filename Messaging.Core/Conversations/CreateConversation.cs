using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Encryption;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Conversations;

public sealed record CreateConversation(
    ConversationType ConversationType,
    IReadOnlyList<Guid> ParticipantIds,
    string? Title = null,
    bool IsEncrypted = false);

/// <summary>The conversation and whether it is new (false: the existing direct conversation of the pair).</summary>
public sealed record CreateConversationResult(ConversationView Conversation, bool Created);

public sealed class CreateConversationHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ConversationReader reader,
    ConversationCipher cipher,
    IEventBus events,
    TimeProvider time)
{
    public async Task<CreateConversationResult> HandleAsync(Guid actorId, CreateConversation command, CancellationToken cancellationToken = default)
    {
        var otherIds = (command.ParticipantIds ?? []).Where(id => id != actorId).Distinct().ToArray();
        var title = ConversationRules.ValidateTitle(command.Title);
        if (command.ConversationType == ConversationType.Direct && otherIds.Length != 1)
        {
            throw new MessagingException(otherIds.Length == 0 && (command.ParticipantIds?.Count ?? 0) > 0 ? ErrorCode.CannotMessageYourself : ErrorCode.ValidationFailed, "participant_ids");
        }

        if (command.ConversationType == ConversationType.Group)
        {
            if (otherIds.Length + 1 < Limits.MinGroupParticipants)
            {
                throw new MessagingException(ErrorCode.GroupTooSmall, "participant_ids");
            }

            if (otherIds.Length + 1 > Limits.MaxGroupParticipants)
            {
                throw new MessagingException(ErrorCode.GroupFull, "participant_ids");
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actor = await db.RequireVerifiedAsync(actorId, cancellationToken);
        var others = await ConversationRules.LoadAddableAsync(db, actor, otherIds, cancellationToken);

        var now = time.UtcNow();
        if (command.ConversationType == ConversationType.Direct)
        {
            var key = DirectKey(actorId, otherIds[0]);
            var existing = await db.Conversations.Where(c => c.DirectKey == key).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing != Guid.Empty)
            {
                await RevealAsync(db, existing, actorId, cancellationToken);
                return new(await reader.GetAsync(actorId, existing, cancellationToken), false);
            }
        }

        var conversationId = Guid.CreateVersion7();
        var conversation = new Conversation
        {
            Id = conversationId,
            Type = command.ConversationType,
            Title = command.ConversationType == ConversationType.Group ? title : null,
            DirectKey = command.ConversationType == ConversationType.Direct ? DirectKey(actorId, otherIds[0]) : null,
            IsEncrypted = command.IsEncrypted,
            WrappedDataKey = command.IsEncrypted ? cipher.CreateWrappedKey(conversationId) : null,
            CreatedBy = actorId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var isGroup = conversation.Type == ConversationType.Group;
        conversation.Participants.Add(new Participant
        {
            UserId = actorId,
            Role = isGroup ? ParticipantRole.Admin : ParticipantRole.Member,
            JoinedAt = now,
            AcceptedAt = now,
        });
        foreach (var other in others)
        {
            conversation.Participants.Add(new Participant
            {
                UserId = other.Id,
                Role = ParticipantRole.Member,
                JoinedAt = now,
                AcceptedAt = isGroup && other.AutoAcceptGroupInvites ? now : null,
            });
        }

        db.Conversations.Add(conversation);
        if (isGroup)
        {
            await db.AppendSystemMessageAsync(conversation, actorId, SystemEvent.ConversationCreated, null, now, cipher, cancellationToken);
            Notifications.NotificationOutbox.AddedToConversation(db, conversation.Id, actorId, others.Select(o => o.Id), now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (!isGroup && DatabaseMigrator.IsUniqueViolation(ex))
        {
            // The other person created the same pair a moment ago: theirs is the one.
            var winner = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using (winner)
            {
                var id = await winner.Conversations.Where(c => c.DirectKey == conversation.DirectKey).Select(c => c.Id).FirstAsync(cancellationToken);
                return new(await reader.GetAsync(actorId, id, cancellationToken), false);
            }
        }

        await events.PublishAsync(new ConversationChangedEvent(conversation.Participants.Select(p => p.UserId).ToArray(), conversation.Id), cancellationToken);
        return new(await reader.GetAsync(actorId, conversation.Id, cancellationToken), true);
    }

    private static string DirectKey(Guid a, Guid b) => a.CompareTo(b) < 0 ? $"{a:N}:{b:N}" : $"{b:N}:{a:N}";

    // Starting a conversation you had deleted for yourself brings it back (history stays cleared).
    private static Task RevealAsync(MessagingDbContext db, Guid conversationId, Guid userId, CancellationToken cancellationToken) =>
        db.Participants.Where(p => p.ConversationId == conversationId && p.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsHidden, false).SetProperty(p => p.IsArchived, false), cancellationToken);
}
