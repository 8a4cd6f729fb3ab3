using System.Data.Common;
using System.Threading.Channels;
using Messaging.Core.Conversations;
using Messaging.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Messaging.Core.Persistence;

/// <summary>
/// One group-commit writer: takes what is queued (up to the batch size), writes it in one transaction with a savepoint
/// per piece, commits, then answers the callers. On PostgreSQL it first locks the batch's conversation rows in id
/// order, so batches of two writers or two nodes never deadlock on each other; a deadlock with another kind of
/// transaction aborts the attempt, which is run again from the start (nothing of it was committed) (ADR 0038).
/// </summary>
internal sealed partial class GroupCommitWriter
{
    private const string Savepoint = "piece";
    private const int Attempts = 3;

    private readonly GroupCommit owner;
    private readonly IDbContextFactory<MessagingDbContext> factory;
    private readonly SqliteWriteGate gate;
    private readonly bool postgres;
    private readonly int maxBatch;
    private readonly ILogger logger;
    private string? lockStatement;

    public GroupCommitWriter(GroupCommit owner, IDbContextFactory<MessagingDbContext> factory, SqliteWriteGate gate, bool postgres, int maxBatch, ILogger logger)
    {
        this.owner = owner;
        this.factory = factory;
        this.gate = gate;
        this.postgres = postgres;
        this.maxBatch = maxBatch;
        this.logger = logger;
        Loop = Task.Run(WriteLoopAsync);
    }

    public Channel<PendingWrite> Queue { get; } = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    public Task Loop { get; }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(maxBatch);
        while (await Queue.Reader.WaitToReadAsync())
        {
            await owner.WhileHeld;

            // The gate first (SQLite; a no-op on PostgreSQL), then the queue: whatever arrived while another writer held it joins this batch.
            using var writing = await gate.EnterAsync(CancellationToken.None);
            batch.Clear();
            while (batch.Count < maxBatch && Queue.Reader.TryRead(out var pending))
            {
                owner.Dequeued();
                if (!pending.CancelIfAbandoned())
                {
                    batch.Add(pending);
                }
            }

            if (batch.Count > 0)
            {
                await WriteBatchAsync(batch);
            }
        }
    }

#pragma warning disable CA1031 // Whatever one piece throws belongs to its caller; whatever the batch throws, to every caller in it.
    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteOnceAsync(batch);
            }
            catch (Exception ex) when (attempt < Attempts && IsLockConflict(ex))
            {
                // Rolled back whole (the transaction is disposed): nothing was committed, so every piece runs again.
                LogBatchRetried(ex, batch.Count, attempt);
                continue;
            }
            catch (Exception ex)
            {
                LogBatchFailed(ex, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }

                return;
            }

            MessagingMetrics.GroupCommitBatchSize.Record(batch.Count);
            foreach (var pending in batch)
            {
                // The pieces that failed alone were answered with their error already.
                pending.Complete();
            }

            return;
        }
    }

    private async Task WriteOnceAsync(List<PendingWrite> batch)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (postgres)
        {
            await LockConversationsAsync(db, batch);
        }

        var dbTransaction = transaction.GetDbTransaction();
        foreach (var pending in batch.Where(p => !p.IsAnswered))
        {
            await WritePieceAsync(pending, db, dbTransaction);
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// Locks the batch's conversation rows in id order before any piece runs (PostgreSQL). Each piece then takes its
    /// sequence on a row this transaction holds already, so sequences stay gapless across nodes (the other node's
    /// batch waits for this commit), and two batches lock in the same order, so they cannot deadlock.
    /// </summary>
    private async Task LockConversationsAsync(MessagingDbContext db, List<PendingWrite> batch)
    {
        var ids = batch.Select(p => p.ConversationId).Distinct().ToArray();
        lockStatement ??= LockStatement(db.Model);
        await db.Database.ExecuteSqlRawAsync(lockStatement, [new NpgsqlParameter("ids", ids)]);
    }

    private static string LockStatement(IModel model)
    {
        var entity = model.FindEntityType(typeof(Conversation))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var id = entity.FindProperty(nameof(Conversation.Id))!.GetColumnName(table)!;
        var name = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        return $"SELECT 1 FROM {name} WHERE \"{id}\" = ANY(@ids) ORDER BY \"{id}\" FOR UPDATE";
    }

    /// <summary>
    /// One caller's work in a savepoint, on the batch's context with nothing tracked from the pieces before it (as if
    /// it had a context of its own; contexts are pooled, and a pooled context must not be given a borrowed connection).
    /// </summary>
    private static async Task WritePieceAsync(PendingWrite pending, MessagingDbContext db, DbTransaction transaction)
    {
        await transaction.SaveAsync(Savepoint);
        bool keep;
        try
        {
            db.ChangeTracker.Clear();
            keep = await pending.RunAsync(db);
        }
        catch (Exception ex) when (!IsLockConflict(ex))
        {
            // If the transaction itself is broken, this rollback throws and the whole batch fails.
            await transaction.RollbackAsync(Savepoint);
            await transaction.ReleaseAsync(Savepoint);
            pending.Fail(ex);
            return;
        }

        if (!keep)
        {
            await transaction.RollbackAsync(Savepoint);
        }

        await transaction.ReleaseAsync(Savepoint);
    }

#pragma warning restore CA1031

    /// <summary>A deadlock or serialization failure (PostgreSQL): the attempt is lost as a whole and can run again.</summary>
    internal static bool IsLockConflict(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} writes failed; every caller in it gets the error.")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} writes met a lock conflict (attempt {Attempt}); it runs again.")]
    private partial void LogBatchRetried(Exception exception, int count, int attempt);
}
