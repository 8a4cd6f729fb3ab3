using Messaging.Core.Common;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Persistence;

/// <summary>
/// Queues this process's hot-path write transactions on SQLite. SQLite has one writer at a time, and Microsoft.Data.Sqlite
/// waits for a busy database by putting the thread to sleep in 150 ms steps: under concurrent sends that blocked dozens
/// of thread-pool threads and made latency seconds long (docs/performance.md). Waiting here is asynchronous and in
/// arrival order. On PostgreSQL (row locks, many writers) it does nothing.
/// </summary>
public sealed class SqliteWriteGate(IOptions<MessagingOptions> options)
{
    private readonly SemaphoreSlim? gate = options.Value.Database.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            return default;
        }

        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    public readonly struct Releaser(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
