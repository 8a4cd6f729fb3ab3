using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Hosting;

internal static class StartupTasks
{
    /// <summary>Applies migrations explicitly (<c>--migrate</c>), for PostgreSQL deployments that migrate before rolling out.</summary>
    public static async Task MigrateAsync(this WebApplication app)
    {
        await DatabaseMigrator.MigrateAsync(app.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>());
        app.Logger.LogInformation("Database migrated.");
    }

    /// <summary>Migrates SQLite at start (zero setup), seeds the administrator.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        if (options.Database.ShouldMigrateOnStart)
        {
            await app.MigrateAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminSeeder>().SeedAsync();
    }
}
