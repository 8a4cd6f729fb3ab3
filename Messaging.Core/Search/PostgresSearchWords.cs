using Messaging.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace Messaging.Core.Search;

/// <summary>
/// PostgreSQL's index text, parsed once (ADR 0048): <c>Messages."SearchWords"</c> is a stored generated column
/// <c>to_tsvector('simple', "SearchText")</c> with a GIN index. PostgreSQL computes it in the statement that writes
/// <c>SearchText</c>, so a send, edit or delete keeps it in step in the same transaction, and a search reads the
/// words instead of parsing every readable message again. <c>SearchText</c> stays Core's folded text (SearchDocument),
/// the one input of both databases' indexes; the 'simple' configuration only splits and lower-cases it.
/// </summary>
public static class PostgresSearchWords
{
    /// <summary>The column's name; a shadow property, so the Message type stays the same on both databases.</summary>
    public const string Column = "SearchWords";

    public static void Configure(EntityTypeBuilder<Message> message)
    {
        message.Property<NpgsqlTsVector>(Column)
            .HasComputedColumnSql("""to_tsvector('simple'::regconfig, "SearchText")""", stored: true);
        message.HasIndex(Column).HasDatabaseName("IX_Messages_SearchWords").HasMethod("GIN");
    }
}
