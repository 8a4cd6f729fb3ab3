using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Messaging.Core.Persistence;

// Used only by `dotnet ef` (scripts/add-migration.sh) to build each provider's migration set.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMessagingDbContext>
{
    public SqliteMessagingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMessagingDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMessagingDbContext>
{
    public PostgresMessagingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMessagingDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
