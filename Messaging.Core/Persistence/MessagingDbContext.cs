using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Attachments;
using Messaging.Core.Contacts;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Persistence;

/// <summary>
/// The one model of the product. Each provider has a thin subclass that owns its migration set
/// (<see cref="SqliteMessagingDbContext"/>, <see cref="PostgresMessagingDbContext"/>); code depends on this type.
/// </summary>
public abstract class MessagingDbContext(DbContextOptions options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Block> Blocks => Set<Block>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Reactions.Reaction> Reactions => Set<Reactions.Reaction>();
    public DbSet<MessageEdit> MessageEdits => Set<MessageEdit>();
    public DbSet<Search.BlindToken> BlindTokens => Set<Search.BlindToken>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Moderation.AuditLog.RefuseChanges(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The audit log is append-only whatever a use case does.
        Moderation.AuditLog.RefuseChanges(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MessagingDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back as Unspecified; every timestamp in the product is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteMessagingDbContext(DbContextOptions<SqliteMessagingDbContext> options)
    : MessagingDbContext(options);

public sealed class PostgresMessagingDbContext(DbContextOptions<PostgresMessagingDbContext> options)
    : MessagingDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Full-text search (ADR 0019, 0048): the folded words' tsvector, stored and GIN-indexed. SQLite's
        // counterpart is an FTS5 table (SqliteSearchIndex).
        PostgresSearchWords.Configure(builder.Entity<Message>());
    }
}
