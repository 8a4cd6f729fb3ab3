using System.Text.Json;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Messaging.Core.Moderation;

/// <summary>An audit entry as administrators read it; <see cref="Details"/> holds what the administrator gave with the action.</summary>
public sealed record AuditEntryView(
    string Id,
    Guid ActorId,
    string ActorName,
    string Action,
    string TargetType,
    Guid TargetId,
    string? TargetName,
    DateTime At,
    IReadOnlyDictionary<string, string?> Details);

/// <summary>What to list: older than <see cref="Before"/> (an entry id), of one action, about one target.</summary>
public sealed record AuditQuery(int? Limit = null, string? Before = null, string? Action = null, Guid? TargetId = null);

/// <summary>
/// Writing and reading the audit log. Use cases call <see cref="Record"/> on the context that also holds their change,
/// so the entry and the action commit together or not at all.
/// </summary>
public sealed class AuditLog(IDbContextFactory<MessagingDbContext> dbFactory)
{
    /// <summary>Adds the entry to <paramref name="db"/>; the caller's SaveChanges writes it with the action.</summary>
    public static void Record(MessagingDbContext db, Guid actorId, string action, string targetType, Guid targetId, DateTime at, IReadOnlyDictionary<string, string?>? details = null)
    {
        var json = details is { Count: > 0 } ? JsonSerializer.Serialize(details) : null;
        if (json is { Length: > Limits.MaxAuditDetailsLength })
        {
            json = JsonSerializer.Serialize(new Dictionary<string, string?> { ["truncated"] = json[..(Limits.MaxAuditDetailsLength / 2)] });
        }

        db.Set<AuditEntry>().Add(new AuditEntry { ActorId = actorId, Action = action, TargetType = targetType, TargetId = targetId, At = at, Details = json });
    }

    /// <summary>Refuses to save a change to or the removal of an audit entry: the log is append-only.</summary>
    public static void RefuseChanges(ChangeTracker changes)
    {
        if (changes.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }
    }

    public async Task<IReadOnlyList<AuditEntryView>> ListAsync(Guid adminId, AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrEmpty(query.Before))
        {
            if (!long.TryParse(query.Before, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var before))
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "before");
            }

            entries = entries.Where(e => e.Id < before);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            if (!AuditActions.All.Contains(query.Action))
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "action");
            }

            entries = entries.Where(e => e.Action == query.Action);
        }

        if (query.TargetId is { } target)
        {
            entries = entries.Where(e => e.TargetId == target || e.ActorId == target);
        }

        var page = await entries.OrderByDescending(e => e.Id)
            .Take(Limits.Clamp(query.Limit, Limits.DefaultAuditPage, Limits.MaxAuditPage))
            .ToListAsync(cancellationToken);
        var people = page.Select(e => e.ActorId).Concat(page.Where(e => e.TargetType == AuditTargets.User).Select(e => e.TargetId)).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.DeletedAt })
            .ToDictionaryAsync(u => u.Id, u => DataRights.DeletedAccount.NameOf(u.Name, u.DeletedAt), cancellationToken);
        return page.Select(e => new AuditEntryView(
            e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.ActorId,
            names.GetValueOrDefault(e.ActorId, ""),
            e.Action,
            e.TargetType,
            e.TargetId,
            e.TargetType == AuditTargets.User ? names.GetValueOrDefault(e.TargetId) : null,
            e.At,
            e.Details is null ? new Dictionary<string, string?>() : JsonSerializer.Deserialize<Dictionary<string, string?>>(e.Details) ?? [])).ToArray();
    }
}
