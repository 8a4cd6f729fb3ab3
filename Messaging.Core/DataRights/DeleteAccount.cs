using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Notifications;
using Messaging.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.DataRights;

/// <summary>
/// "Delete my account" (ADR 0032). The person leaves every group (an heir becomes admin when they were the last one),
/// their files and exports are removed, their sessions end everywhere, and the account row is anonymised: no name, a
/// placeholder address (the real one is free to register again), no password. Their messages stay in the others'
/// history under "Deleted user"; direct conversations stay readable for the other person but take no new messages.
/// </summary>
public sealed class DeleteAccountHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    RemoveParticipantHandler leave,
    AttachmentBlobs blobs,
    SessionHandler sessions,
    SqliteWriteGate writeGate,
    Realtime.IEventBus events,
    TimeProvider time)
{
    private static readonly PasswordHasher<User> Hasher = new();

    public async Task DeleteAsync(Guid userId, string? password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        // Re-entering the password proves it is the person at the keyboard, not someone at an unlocked screen.
        if (string.IsNullOrEmpty(password) || user.PasswordHash is null
            || Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            throw new MessagingException(ErrorCode.WrongPassword, "password");
        }

        // Read before the account goes: whose open direct conversations must learn that it went.
        var partners = await db.Participants.AsNoTracking()
            .Where(p => p.UserId != userId && p.IsActive && p.Conversation!.Type == ConversationType.Direct
                        && db.Participants.Any(me => me.ConversationId == p.ConversationId && me.UserId == userId))
            .Select(p => new { p.ConversationId, p.UserId })
            .ToListAsync(cancellationToken);
        await LeaveGroupsAsync(db, userId, cancellationToken);
        await RemoveStoredObjectsAsync(db, userId, cancellationToken);

        var now = time.UtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await ForgetAsync(db, userId, now, cancellationToken);
                await sessions.EndAllWithinAsync(db, userId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }

        // After the commit: every node closes the person's hub connections and circuits.
        await sessions.AnnounceAsync(userId, null, cancellationToken);

        // The other person's chat re-reads the conversation (conversation_updated): "Deleted user", and no composer.
        foreach (var partner in partners)
        {
            await events.PublishAsync(new Realtime.ConversationChangedEvent([partner.UserId], partner.ConversationId), cancellationToken);
        }
    }

    /// <summary>Leaves each group the ordinary way, so the others see "left" live and the group keeps an admin.</summary>
    private async Task LeaveGroupsAsync(MessagingDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var groups = await db.Participants.AsNoTracking()
            .Where(p => p.UserId == userId && p.IsActive && p.Conversation!.Type == ConversationType.Group)
            .Select(p => p.ConversationId)
            .ToListAsync(cancellationToken);
        foreach (var conversationId in groups)
        {
            try
            {
                await leave.HandleAsync(userId, conversationId, userId, cancellationToken);
            }
            catch (MessagingException)
            {
                // Not allowed to act there any more (a pending invite, say): the row is closed quietly in ForgetAsync.
            }
        }
    }

    /// <summary>Objects first, rows after (in <see cref="ForgetAsync"/>): a crash in between leaves rows to retry, never orphans.</summary>
    private async Task RemoveStoredObjectsAsync(MessagingDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var files = await db.Attachments.AsNoTracking().Where(a => a.UploaderId == userId).ToListAsync(cancellationToken);
        foreach (var file in files)
        {
            file.ThumbnailKey ??= AttachmentBlobs.ThumbnailKey(file.Id);
            await blobs.DeleteAsync(file, cancellationToken);
        }

        var exports = await db.Set<DataExport>().AsNoTracking().Where(e => e.UserId == userId).ToListAsync(cancellationToken);
        foreach (var export in exports)
        {
            await blobs.Store.DeleteAsync(export.StorageKey ?? DataExport.KeyOf(export.Id), cancellationToken);
        }
    }

    private static async Task ForgetAsync(MessagingDbContext db, Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        await db.Participants.Where(p => p.UserId == userId && p.IsActive && p.Conversation!.Type == ConversationType.Group)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false).SetProperty(p => p.LeftAt, now).SetProperty(p => p.Role, ParticipantRole.Member), cancellationToken);
        await db.Participants.Where(p => p.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Draft, (string?)null).SetProperty(p => p.DraftUpdatedAt, (DateTime?)null), cancellationToken);
        await db.Attachments.Where(a => a.UploaderId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DataExport>().Where(e => e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Contacts.Where(c => c.OwnerId == userId || c.ContactUserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Blocks.Where(b => b.BlockerId == userId || b.BlockedId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<PushSubscription>().Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Notification>().Where(n => n.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<EmailDigestItem>().Where(i => i.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);

        var email = DeletedAccount.EmailOf(userId);
        var normalized = email.ToUpperInvariant();
        // Not verified any more: out of the directory, and nobody can add the account to a conversation or write to it.
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.DeletedAt, now)
            .SetProperty(u => u.Name, "")
            .SetProperty(u => u.NormalizedName, "")
            .SetProperty(u => u.AvatarUrl, (string?)null)
            .SetProperty(u => u.Email, email)
            .SetProperty(u => u.NormalizedEmail, normalized)
            .SetProperty(u => u.UserName, email)
            .SetProperty(u => u.NormalizedUserName, normalized)
            .SetProperty(u => u.EmailConfirmed, false)
            .SetProperty(u => u.PasswordHash, (string?)null)
            .SetProperty(u => u.PhoneNumber, (string?)null)
            .SetProperty(u => u.VerificationStatus, VerificationStatus.Rejected)
            .SetProperty(u => u.SuspensionReason, (string?)null)
            .SetProperty(u => u.EmailNotifications, false)
            .SetProperty(u => u.PushNotifications, false), cancellationToken);
    }
}
