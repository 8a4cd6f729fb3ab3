using Messaging.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Core.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// Registers <see cref="MessagingDbContext"/> (scoped, for Identity) and
    /// <see cref="IDbContextFactory{MessagingDbContext}"/> (for handlers and long-lived Blazor circuits).
    /// </summary>
    public static IServiceCollection AddMessagingPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var connectionString = configuration.GetConnectionString("Messaging");

        if (options.Database.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Messaging:Database:Provider is Postgres but ConnectionStrings:Messaging is empty.");
            }

            services.AddDbContextFactory<PostgresMessagingDbContext>(o => o.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<MessagingDbContext>, ContextFactory<PostgresMessagingDbContext>>();
            services.AddScoped<MessagingDbContext>(sp => sp.GetRequiredService<PostgresMessagingDbContext>());
        }
        else
        {
            services.AddDbContextFactory<SqliteMessagingDbContext>(o => o.UseSqlite(SqliteConnectionString(options, connectionString)));
            services.AddSingleton<IDbContextFactory<MessagingDbContext>, ContextFactory<SqliteMessagingDbContext>>();
            services.AddScoped<MessagingDbContext>(sp => sp.GetRequiredService<SqliteMessagingDbContext>());
        }

        return services;
    }

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

    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<MessagingDbContext>
        where TContext : MessagingDbContext
    {
        public MessagingDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
