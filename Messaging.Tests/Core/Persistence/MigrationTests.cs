using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Persistence;

/// <summary>The model and both migration sets move together: scripts/add-migration.sh NAME regenerates both.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void SqliteModel_HasNoChangesWithoutMigration()
    {
        using var db = new SqliteMessagingDbContext(new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run scripts/add-migration.sh NAME.");
    }

    [Fact]
    public void PostgresModel_HasNoChangesWithoutMigration()
    {
        using var db = new PostgresMessagingDbContext(new DbContextOptionsBuilder<PostgresMessagingDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run scripts/add-migration.sh NAME.");
    }

    [Fact]
    public void BothMigrationSets_HaveTheSameMigrationNames()
    {
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        using var sqlite = new SqliteMessagingDbContext(new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresMessagingDbContext(new DbContextOptionsBuilder<PostgresMessagingDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.NotEmpty(Names(sqlite));
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}
