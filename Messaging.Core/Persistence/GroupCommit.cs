using Messaging.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Persistence;

/// <summary>
/// Group commit for the hot-path writes (sends): callers queue their work, a writer runs every queued piece in one
/// transaction, each inside its own savepoint so a piece that fails is undone alone, commits once, and only then
/// answers each caller. SQLite: one writer per database behind the write gate (ADR 0030). PostgreSQL: a few writers per
/// node, each owning a share of the conversations, locking the batch's conversation rows in one order first (ADR 0038).
/// Off (<see cref="IsEnabled"/> false) when <c>Messaging:Database:GroupCommit</c> is false: callers keep their own transaction.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable, IDisposable
{
    /// <summary>
    /// PostgreSQL keeps the ids of at most 64 subtransactions per transaction in shared memory; past that every other
    /// session's snapshot has to look subtransactions up on disk (subxid overflow). One savepoint per send, so at most 64.
    /// </summary>
    public const int PostgresMaxBatch = 64;

    private readonly GroupCommitWriter[] writers;
    private TaskCompletionSource? held;
    private int queued;

    public GroupCommit(IDbContextFactory<MessagingDbContext> factory, SqliteWriteGate gate, IOptions<MessagingOptions> options, ILogger<GroupCommit> logger)
    {
        var database = options.Value.Database;
        var postgres = database.Provider == DatabaseProvider.Postgres;
        var count = !database.GroupCommit ? 0 : postgres ? database.GroupCommitWriters : 1;
        var maxBatch = postgres ? Math.Min(database.GroupCommitMaxBatch, PostgresMaxBatch) : database.GroupCommitMaxBatch;
        writers = [.. Enumerable.Range(0, count).Select(_ => new GroupCommitWriter(this, factory, gate, postgres, maxBatch, logger))];
    }

    public bool IsEnabled => writers.Length > 0;

    /// <summary>
    /// Queues <paramref name="work"/> on <paramref name="conversationId"/>'s writer; the work writes through the context it
    /// is given (never commits); the task ends after the batch's commit. <see cref="Written{T}.Keep"/> false undoes the
    /// piece's writes (an idempotent retry found its original). An exception from the work fails this caller only.
    /// </summary>
    public Task<T> WriteAsync<T>(Guid conversationId, Func<MessagingDbContext, CancellationToken, Task<Written<T>>> work, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            throw new InvalidOperationException("Group commit is off (Messaging:Database:GroupCommit).");
        }

        var pending = new PendingWrite<T>(conversationId, work, cancellationToken);
        Interlocked.Increment(ref queued);

        // The same conversation always goes to the same writer: its sends never wait for each other's batches on this node.
        var writer = writers[(int)((uint)conversationId.GetHashCode() % (uint)writers.Length)];
        ObjectDisposedException.ThrowIf(!writer.Queue.Writer.TryWrite(pending), this);
        return pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // What is queued is still written; then the loops end.
        Release();
        foreach (var writer in writers)
        {
            writer.Queue.Writer.TryComplete();
        }

        foreach (var writer in writers)
        {
            await writer.Loop;
        }
    }

    /// <summary>A synchronous dispose stops taking work; the loops still write what is queued, unobserved.</summary>
    public void Dispose()
    {
        Release();
        foreach (var writer in writers)
        {
            writer.Queue.Writer.TryComplete();
        }
    }

    /// <summary>Writes waiting for their batch (tests use it to line sends up behind <see cref="Hold"/> or the write gate).</summary>
    internal int Queued => Volatile.Read(ref queued);

    /// <summary>Tests: writers start no batch until the returned handle is disposed, so what is queued meanwhile goes in one.</summary>
    internal IDisposable Hold()
    {
        Volatile.Write(ref held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return new Releaser(this);
    }

    internal Task WhileHeld => Volatile.Read(ref held)?.Task ?? Task.CompletedTask;

    internal void Dequeued() => Interlocked.Decrement(ref queued);

    private void Release() => Interlocked.Exchange(ref held, null)?.TrySetResult();

    private sealed class Releaser(GroupCommit owner) : IDisposable
    {
        public void Dispose() => owner.Release();
    }
}

/// <summary>What a queued piece of work produced, and whether its writes are kept.</summary>
public readonly record struct Written<T>(T Value, bool Keep);
