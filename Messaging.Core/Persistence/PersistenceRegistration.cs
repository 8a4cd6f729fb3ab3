using Messaging.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// Registers <see cref="MessagingDbContext"/> (scoped, for Identity) and
    /// <see cref="IDbContextFactory{MessagingDbContext}"/> (for handlers and long-lived Blazor circuits) on the provider
    /// named by <c>Messaging:Database:Provider</c>, chosen when first resolved from the validated options.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.AddOptions<ConnectionStringsOptions>()
            .BindConfiguration(ConnectionStringsOptions.Section)
            .Validate<IOptions<MessagingOptions>>(
                (connections, messaging) => messaging.Value.Database.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(connections.Messaging),
                "Messaging:Database:Provider is Postgres but ConnectionStrings:Messaging is empty.")
            .ValidateOnStart();

        // Pooled: a context is created for nearly every database call (handlers, the event bus, access checks), and
        // building a fresh one each time was about 6 % of the server's CPU under load (docs/performance.md).
        services.AddPooledDbContextFactory<PostgresMessagingDbContext>((sp, o) =>
            o.UseNpgsql(PostgresConnectionString(sp.GetRequiredService<IOptions<MessagingOptions>>().Value, sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Messaging)));
        services.AddPooledDbContextFactory<SqliteMessagingDbContext>((sp, o) =>
        {
            var messaging = sp.GetRequiredService<IOptions<MessagingOptions>>().Value;
            o.UseSqlite(SqliteConnectionString(messaging, sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Messaging))
                .AddInterceptors(new SqliteDurability(messaging.Database.SqliteSynchronous));
        });
        services.TryAddSingleton<IDbContextFactory<MessagingDbContext>>(sp => IsPostgres(sp)
            ? new ContextFactory<PostgresMessagingDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresMessagingDbContext>>())
            : new ContextFactory<SqliteMessagingDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteMessagingDbContext>>()));
        // Identity takes the context from the request's scope; disposing it at the end of the scope returns it to the pool.
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<PostgresMessagingDbContext>>().CreateDbContext());
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<SqliteMessagingDbContext>>().CreateDbContext());
        services.TryAddScoped<MessagingDbContext>(sp => IsPostgres(sp)
            ? sp.GetRequiredService<PostgresMessagingDbContext>()
            : sp.GetRequiredService<SqliteMessagingDbContext>());
        services.TryAddSingleton<SqliteWriteGate>();
        services.TryAddSingleton<GroupCommit>();
        return services;
    }

    /// <summary>
    /// The configured PostgreSQL connection string with <c>Maximum Pool Size</c> set to this node's share of the
    /// server's connections (<see cref="DatabaseOptions.PoolSizePerNode"/>), unless the string sets a size itself.
    /// Everything on the node that uses the database (EF, Hangfire) uses this string, so they share one pool.
    /// </summary>
    public static string PostgresConnectionString(MessagingOptions options, string? configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!HasExplicitPoolSize(configured))
        {
            builder.MaxPoolSize = options.Database.PoolSizePerNode;
        }

        return builder.ConnectionString;
    }

    private static bool HasExplicitPoolSize(string? configured) =>
        configured is not null
        && configured.Split(';').Any(part => part.Split('=')[0].Trim().Replace(" ", "", StringComparison.Ordinal) is var key
            && key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase));

    public static string SqliteConnectionString(MessagingOptions options, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        Directory.CreateDirectory(options.FullDataDirectory);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataDirectory, "messaging.db"),
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    private static bool IsPostgres(IServiceProvider services) =>
        services.GetRequiredService<IOptions<MessagingOptions>>().Value.Database.Provider == DatabaseProvider.Postgres;

    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MessagingDbContext>
        where TContext : MessagingDbContext
    {
        public MessagingDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
