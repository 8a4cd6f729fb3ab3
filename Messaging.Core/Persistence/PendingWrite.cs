namespace Messaging.Core.Persistence;

/// <summary>One caller's queued work in <see cref="GroupCommit"/> and the task that answers the caller after the commit.</summary>
internal abstract class PendingWrite(Guid conversationId)
{
    /// <summary>The conversation the work writes to: its row is locked before the batch's first piece (PostgreSQL).</summary>
    public Guid ConversationId { get; } = conversationId;

    /// <summary>Answered already: failed alone (its own error) or given up by its caller.</summary>
    public abstract bool IsAnswered { get; }

    /// <summary>Runs the work; true when its writes are to be kept. A batch that is retried runs it again.</summary>
    public abstract Task<bool> RunAsync(MessagingDbContext db);

    /// <summary>A caller that gave up before its batch started is not written at all.</summary>
    public abstract bool CancelIfAbandoned();

    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

internal sealed class PendingWrite<T>(Guid conversationId, Func<MessagingDbContext, CancellationToken, Task<Written<T>>> work, CancellationToken cancellationToken)
    : PendingWrite(conversationId)
{
    private readonly TaskCompletionSource<T> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? value;

    public Task<T> Task => answer.Task;

    public override bool IsAnswered => answer.Task.IsCompleted;

    public override async Task<bool> RunAsync(MessagingDbContext db)
    {
        // Not the caller's token: a cancellation in the middle of a piece would only cost the other callers time.
        var written = await work(db, CancellationToken.None);
        value = written.Value;
        return written.Keep;
    }

    public override bool CancelIfAbandoned() => cancellationToken.IsCancellationRequested && answer.TrySetCanceled(cancellationToken);

    public override void Complete() => answer.TrySetResult(value!);

    public override void Fail(Exception exception) => answer.TrySetException(exception);
}
