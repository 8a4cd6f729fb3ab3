using System.Data.Common;
using Messaging.Core;
using Messaging.Core.Accounts;
using Messaging.Core.Contacts;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Messaging.Tests.Core;

/// <summary>
/// Core's use cases as the app registers them, over a fresh, migrated SQLite file (never an in-memory provider),
/// with a counter of the database commands they run.
/// </summary>
public sealed class CoreTestHost : IAsyncDisposable
{
    private readonly IAsyncDisposable? database;
    private readonly ServiceProvider services;

    private CoreTestHost(IAsyncDisposable? database, DatabaseProvider provider, string connectionString, string dataDirectory, IReadOnlyDictionary<string, string?>? settings)
    {
        this.database = database;
        var values = new Dictionary<string, string?>
        {
            ["Messaging:Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Messaging"] = connectionString,
            ["Messaging:DataDirectory"] = dataDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        Logs.Register(collection);
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddMessagingCore(configuration);
        collection.AddMessagingAuthentication(configuration);
        collection.ConfigureDbContext<SqliteMessagingDbContext>(o => o.AddInterceptors(Commands));
        collection.ConfigureDbContext<PostgresMessagingDbContext>(o => o.AddInterceptors(Commands));
        services = collection.BuildServiceProvider();
    }

    /// <summary>Every log record of this host (warnings about retried group commits, for instance).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Counts every command sent to the database: one per round trip.</summary>
    public CommandCounter Commands { get; } = new();

    public IServiceProvider Services => services;

    public static async Task<CoreTestHost> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var sqlite = await SqliteDatabase.CreateAsync();
        var host = new CoreTestHost(sqlite, DatabaseProvider.Sqlite, sqlite.ConnectionString, sqlite.DataDirectory, settings);
        await DatabaseMigrator.MigrateAsync(host.Get<IDbContextFactory<MessagingDbContext>>());
        return host;
    }

    /// <summary>
    /// A host on <paramref name="database"/>, which the caller owns (several hosts on one database are several nodes);
    /// <paramref name="migrate"/> for the first of them.
    /// </summary>
    public static async Task<CoreTestHost> CreateOnPostgresAsync(PostgresDatabase database, bool migrate = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("messaging-core-").FullName;
        var host = new CoreTestHost(null, DatabaseProvider.Postgres, database.ConnectionString, dataDirectory, settings);
        if (migrate)
        {
            await DatabaseMigrator.MigrateAsync(host.Get<IDbContextFactory<MessagingDbContext>>());
        }

        return host;
    }

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Registers a user the way sign-up does, then verifies them unless told otherwise.</summary>
    public async Task<User> CreateUserAsync(string name, bool verified = true)
    {
        await using var scope = services.CreateAsyncScope();
        var answer = await scope.ServiceProvider.GetRequiredService<RegisterUserHandler>()
            .HandleAsync(new RegisterUser($"user.{Guid.NewGuid():N}@tests.local", "password-123", name, Languages.English));
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByIdAsync(answer.UserId.ToString()))!;
        if (verified)
        {
            await SetVerificationAsync(user.Id, VerificationStatus.Verified);
        }

        return user;
    }

    public async Task SetVerificationAsync(Guid userId, VerificationStatus status)
    {
        await using var db = await Get<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.VerificationStatus, status));
    }

    public async Task<Guid> CreateGroupAsync(User admin, string title, params User[] others)
    {
        var result = await Get<CreateConversationHandler>().HandleAsync(
            admin.Id, new CreateConversation(ConversationType.Group, others.Select(o => o.Id).ToArray(), title));
        return result.Conversation.Id;
    }

    public async Task<Guid> CreateDirectAsync(User from, User to)
    {
        var result = await Get<CreateConversationHandler>().HandleAsync(from.Id, new CreateConversation(ConversationType.Direct, [to.Id]));
        return result.Conversation.Id;
    }

    public Task BlockAsync(User blocker, User blocked) => Get<ContactsHandler>().BlockAsync(blocker.Id, blocked.Id);

    public async Task<T> QueryAsync<T>(Func<MessagingDbContext, Task<T>> query)
    {
        await using var db = await Get<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    public sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> texts = new();
        private int count;

        public int Count => Volatile.Read(ref count);

        /// <summary>The commands since the last <see cref="Reset"/>, for a failure message.</summary>
        public string Log => string.Join("\n---\n", texts);

        public void Reset()
        {
            Interlocked.Exchange(ref count, 0);
            texts.Clear();
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            texts.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            texts.Enqueue(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            texts.Enqueue(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
