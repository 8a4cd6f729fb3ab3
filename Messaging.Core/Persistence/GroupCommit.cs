using System.Data.Common;
using System.Threading.Channels;
using Messaging.Core.Common;
using Messaging.Core.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Persistence;

/// <summary>
/// One writer per SQLite database for the hot-path writes (sends): callers queue their work, the writer runs every
/// queued piece in one transaction (up to <see cref="DatabaseOptions.GroupCommitMaxBatch"/>), each inside its own
/// savepoint so a piece that fails is undone alone, commits once, and only then answers each caller (ADR 0030).
/// On PostgreSQL it is off (<see cref="IsEnabled"/> false) and callers keep their own transaction.
/// </summary>
public sealed partial class GroupCommit : IAsyncDisposable, IDisposable
{
    private const string Savepoint = "piece";

    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<MessagingDbContext> factory;
    private readonly SqliteWriteGate gate;
    private readonly ILogger<GroupCommit> logger;
    private readonly int maxBatch;
    private readonly Task? writer;
    private int queued;

    public GroupCommit(IDbContextFactory<MessagingDbContext> factory, SqliteWriteGate gate, IOptions<MessagingOptions> options, ILogger<GroupCommit> logger)
    {
        this.factory = factory;
        this.gate = gate;
        this.logger = logger;
        maxBatch = options.Value.Database.GroupCommitMaxBatch;
        writer = options.Value.Database.Provider == DatabaseProvider.Sqlite ? Task.Run(WriteLoopAsync) : null;
    }

    public bool IsEnabled => writer is not null;

    /// <summary>
    /// Queues <paramref name="work"/>, which writes through the context it is given (never commits); the task ends after
    /// the batch's commit. <see cref="Written{T}.Keep"/> false undoes the piece's writes (an idempotent retry found its
    /// original). An exception from the work fails this caller only.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<MessagingDbContext, CancellationToken, Task<Written<T>>> work, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(work, cancellationToken);
        Interlocked.Increment(ref queued);
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);

        return pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // What is queued is still written; then the loop ends.
        queue.Writer.TryComplete();
        if (writer is not null)
        {
            await writer;
        }
    }

    /// <summary>A synchronous dispose stops taking work; the loop still writes what is queued, unobserved.</summary>
    public void Dispose() => queue.Writer.TryComplete();

    /// <summary>Writes waiting for the next batch (tests use it to line sends up behind a held write gate).</summary>
    internal int Queued => Volatile.Read(ref queued);

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(maxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            // The gate first, then the queue: whatever arrived while another writer held the gate joins this batch.
            using var writing = await gate.EnterAsync(CancellationToken.None);
            batch.Clear();
            while (batch.Count < maxBatch && queue.Reader.TryRead(out var pending))
            {
                Interlocked.Decrement(ref queued);
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
    /// <summary>Called holding the write gate.</summary>
    private async Task WriteBatchAsync(List<PendingWrite> batch)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            foreach (var pending in batch)
            {
                await WritePieceAsync(pending, connection, dbTransaction);
            }

            await transaction.CommitAsync();
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
            pending.Complete();
        }
    }

    /// <summary>One caller's work in a savepoint, with a context of its own on the batch's connection and transaction.</summary>
    private async Task WritePieceAsync(PendingWrite pending, DbConnection connection, DbTransaction transaction)
    {
        await transaction.SaveAsync(Savepoint);
        bool keep;
        try
        {
            await using var db = await factory.CreateDbContextAsync();
            db.Database.SetDbConnection(connection);
            await db.Database.UseTransactionAsync(transaction);
            keep = await pending.RunAsync(db);
        }
        catch (Exception ex)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} writes failed; every caller in it gets the error.")]
    private partial void LogBatchFailed(Exception exception, int count);
}

/// <summary>What a queued piece of work produced, and whether its writes are kept.</summary>
public readonly record struct Written<T>(T Value, bool Keep);
