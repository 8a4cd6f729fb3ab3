using Hangfire;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Messaging.Core.DataRights;

/// <summary>A finished export ready to send: its length and a stream of the ZIP.</summary>
public sealed record DataExportDownload(Guid Id, long Length, Stream Content, DateTime CompletedAt)
{
    public string FileName => $"messaging-data-{CompletedAt:yyyy-MM-dd}.zip";
}

/// <summary>
/// "Download my data": asking for an export (one at a time per person), listing one's exports and downloading them.
/// Every export belongs to exactly one person; anyone else's id answers <see cref="ErrorCode.NotFound"/>.
/// </summary>
public sealed class DataExportsHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    IAttachmentStore store,
    SqliteWriteGate writeGate,
    IServiceProvider services,
    IOptions<DataRightsOptions> options,
    TimeProvider time)
{
    public async Task<DataExportView> RequestAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow();
        DataExport export;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            {
                throw new MessagingException(ErrorCode.NotFound);
            }

            // Building reads every conversation and file of the person: one build at a time keeps a double click
            // (or a script) from queueing the same heavy work many times.
            if (await db.Set<DataExport>().AnyAsync(e => e.UserId == userId && e.Status == DataExportStatus.Pending && e.ExpiresAt > now, cancellationToken))
            {
                throw new MessagingException(ErrorCode.ExportInProgress);
            }

            export = new DataExport
            {
                Id = Guid.CreateVersion7(),
                UserId = userId,
                Status = DataExportStatus.Pending,
                RequestedAt = now,
                ExpiresAt = now + options.Value.ExportLifetime,
            };
            db.Add(export);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Hangfire's client is looked up only here, so hosts without Hangfire (Core tests) can still build the rest.
        var exportId = export.Id;
        services.GetRequiredService<IBackgroundJobClient>().Enqueue<DataExportJob>(job => job.BuildAsync(exportId, CancellationToken.None));
        return DataExportView.Of(export);
    }

    /// <summary>The caller's exports not yet expired, newest first.</summary>
    public async Task<IReadOnlyList<DataExportView>> ListAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow();
        var rows = await db.Set<DataExport>().AsNoTracking()
            .Where(e => e.UserId == userId && e.ExpiresAt > now)
            .OrderByDescending(e => e.RequestedAt)
            .Take(10)
            .ToListAsync(cancellationToken);
        return rows.Select(DataExportView.Of).ToArray();
    }

    /// <summary>The ZIP of a ready, unexpired export of the caller's own; everything else is <see cref="ErrorCode.NotFound"/>.</summary>
    public async Task<DataExportDownload> OpenAsync(Guid userId, Guid exportId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow();
        var export = await db.Set<DataExport>().AsNoTracking()
            .FirstOrDefaultAsync(e => e.Id == exportId && e.UserId == userId && e.Status == DataExportStatus.Ready && e.ExpiresAt > now, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        try
        {
            var content = await store.OpenReadAsync(export.StorageKey!, 0, cancellationToken);
            return new DataExportDownload(export.Id, export.Size ?? 0, content, export.CompletedAt ?? export.RequestedAt);
        }
        catch (FileNotFoundException)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }
    }
}
