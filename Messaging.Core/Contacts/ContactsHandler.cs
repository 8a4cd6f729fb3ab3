using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Contacts;

/// <summary>Contacts (connections for "connections only") and blocks. Both are idempotent.</summary>
public sealed class ContactsHandler(IDbContextFactory<MessagingDbContext> dbFactory, TimeProvider time)
{
    public async Task AddContactAsync(Guid ownerId, Guid contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireOtherUserAsync(db, ownerId, contactId, cancellationToken);
        if (!await db.Contacts.AnyAsync(c => c.OwnerId == ownerId && c.ContactUserId == contactId, cancellationToken))
        {
            db.Contacts.Add(new Contact { OwnerId = ownerId, ContactUserId = contactId, CreatedAt = time.UtcNow() });
            await SaveIgnoringDuplicateAsync(db, cancellationToken);
        }
    }

    public async Task RemoveContactAsync(Guid ownerId, Guid contactId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Contacts.Where(c => c.OwnerId == ownerId && c.ContactUserId == contactId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task BlockAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireOtherUserAsync(db, blockerId, blockedId, cancellationToken);
        if (!await db.Blocks.AnyAsync(b => b.BlockerId == blockerId && b.BlockedId == blockedId, cancellationToken))
        {
            db.Blocks.Add(new Block { BlockerId = blockerId, BlockedId = blockedId, CreatedAt = time.UtcNow() });
            await SaveIgnoringDuplicateAsync(db, cancellationToken);
        }
    }

    public async Task UnblockAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Blocks.Where(b => b.BlockerId == blockerId && b.BlockedId == blockedId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DirectoryEntry>> ListBlockedAsync(Guid blockerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Blocks.Where(b => b.BlockerId == blockerId)
            .Join(db.Users, b => b.BlockedId, u => u.Id, (_, u) => new DirectoryEntry(u.Id, DataRights.DeletedAccount.NameOf(u.Name, u.DeletedAt), u.AvatarUrl))
            .ToListAsync(cancellationToken);
    }

    // Only verified users can be found in the directory, so only they can be named here; others look unknown.
    private static async Task RequireOtherUserAsync(MessagingDbContext db, Guid actorId, Guid otherId, CancellationToken cancellationToken)
    {
        await db.RequireVerifiedAsync(actorId, cancellationToken);
        if (actorId == otherId || !await db.Users.AnyAsync(u => u.Id == otherId && u.VerificationStatus == VerificationStatus.Verified, cancellationToken))
        {
            throw new MessagingException(ErrorCode.NotFound);
        }
    }

    private static async Task SaveIgnoringDuplicateAsync(MessagingDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseMigrator.IsUniqueViolation(ex))
        {
            // A concurrent identical request won; the outcome is the same.
        }
    }
}
