using System.Data.Common;
using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Messaging.Tests.Core.Accounts;

/// <summary>
/// The per-node access cache (ADR 0046): a read of a person's access that began before a change was saved must not put
/// the old answer back into the cache after the change cleared it. The read is held between its query and its cache
/// write (a command interceptor waits while the reader closes), the change is saved and announced meanwhile, then the
/// read goes on; the next check must see the change, not the old value for the cache time.
/// </summary>
public abstract class AccessCacheRaceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected CoreTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await CreateHostAsync();

    public virtual async Task DisposeAsync() => await Host.DisposeAsync();

    protected abstract Task<CoreTestHost> CreateHostAsync();

    [Fact]
    public async Task SuspensionSavedWhileAnOlderReadIsInFlight_NextCheckSeesTheSuspension()
    {
        var user = await Host.CreateUserAsync("Huda");
        var hold = new HoldRead("SuspendedAt");
        var access = AccessOver(hold);

        var inFlight = access.GetUserAsync(user.Id).AsTask();
        await hold.Reached.Task.WaitAsync(Patience);

        // What Suspensions.SuspendAsync does: save, then forget on this node (and announce to the others).
        await Host.QueryAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, DateTime.UtcNow).SetProperty(u => u.SuspensionReason, "spam")));
        access.Forget(user.Id, null);
        hold.Release.SetResult();

        var old = await inFlight.WaitAsync(Patience);
        Assert.False(old.IsSuspended); // It read before the change: that answer is fine for its own caller.
        var next = await access.GetUserAsync(user.Id);
        Assert.True(next.IsSuspended, "the read begun before the suspension wrote the old access back into the cache");
        Assert.False(next.MayTakePart);
    }

    [Fact]
    public async Task SessionEndedWhileAnOlderReadIsInFlight_NextCheckSeesItEnded()
    {
        var user = await Host.CreateUserAsync("Karim");
        var session = await Host.Get<SessionHandler>().StartAsync(user.Id, SessionKind.Cookie, "tests", "127.0.0.1");
        var hold = new HoldRead("LastUsedAt");
        var access = AccessOver(hold);

        var inFlight = access.IsSessionActiveAsync(user.Id, session.SessionId).AsTask();
        await hold.Reached.Task.WaitAsync(Patience);

        await Host.QueryAsync(db => db.Sessions.Where(s => s.Id == session.SessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, DateTime.UtcNow)));
        access.Forget(user.Id, session.SessionId);
        hold.Release.SetResult();

        Assert.True(await inFlight.WaitAsync(Patience));
        Assert.False(await access.IsSessionActiveAsync(user.Id, session.SessionId), "the older read put the ended session back as active");
    }

    [Fact]
    public async Task ReadWithNoChangeMeanwhile_IsCached()
    {
        var user = await Host.CreateUserAsync("Lina");
        var hold = new HoldRead("SuspendedAt");
        var access = AccessOver(hold);
        hold.Release.SetResult();
        await access.GetUserAsync(user.Id);

        await Host.QueryAsync(db => db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SuspendedAt, DateTime.UtcNow)));

        // Nothing forgotten: the cache answers (proves the guard does not simply turn the cache off).
        Assert.False((await access.GetUserAsync(user.Id)).IsSuspended);
        Assert.Equal(1, hold.Reads);
    }

    /// <summary>A fresh <see cref="AccessState"/> over the host's database, whose contexts carry <paramref name="hold"/>.</summary>
    private AccessState AccessOver(HoldRead hold)
    {
        string connectionString;
        bool postgres;
        using (var probe = Host.Get<IDbContextFactory<MessagingDbContext>>().CreateDbContext())
        {
            connectionString = probe.Database.GetConnectionString()!;
            postgres = probe is PostgresMessagingDbContext;
        }

        IDbContextFactory<MessagingDbContext> factory = postgres
            ? new Factory(() => new PostgresMessagingDbContext(
                new DbContextOptionsBuilder<PostgresMessagingDbContext>().UseNpgsql(connectionString).AddInterceptors(hold).Options))
            : new Factory(() => new SqliteMessagingDbContext(
                new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite(connectionString).AddInterceptors(hold).Options));
        var options = Options.Create(new UserSessionOptions { AccessCheckCache = TimeSpan.FromSeconds(5) });
        return new AccessState(factory, TimeProvider.System, options, Host.Get<SqliteWriteGate>());
    }

    private sealed class Factory(Func<MessagingDbContext> create) : IDbContextFactory<MessagingDbContext>
    {
        public MessagingDbContext CreateDbContext() => create();
    }

    /// <summary>Holds the first query whose text contains <paramref name="marker"/> after its rows were read, until released.</summary>
    private sealed class HoldRead(string marker) : DbCommandInterceptor
    {
        private int reads;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads => Volatile.Read(ref reads);

        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(
            DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (command.CommandText.Contains(marker, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref reads);
                Reached.TrySetResult();
                await Release.Task;
            }

            return result;
        }
    }
}

public sealed class AccessCacheRaceTestsOnSqlite : AccessCacheRaceTests
{
    protected override Task<CoreTestHost> CreateHostAsync() => CoreTestHost.CreateAsync();
}

public sealed class AccessCacheRaceTestsOnPostgres : AccessCacheRaceTests
{
    private PostgresDatabase database = null!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    protected override async Task<CoreTestHost> CreateHostAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        return await CoreTestHost.CreateOnPostgresAsync(database);
    }
}
