using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>
/// The SQLite FTS5 index over <c>Messages.SearchText</c>, with each message's conversation id as a second column
/// (ADR 0054): a search among the caller's conversations asks FTS5 for "these words AND one of these conversations",
/// which FTS5 answers by seeking in its match lists instead of reading every match of a common word.
/// External content (the text is stored once, in Messages), kept up to date by triggers, so a send, edit or delete
/// updates it inside its own statement and transaction with no extra command. Created here rather than in a migration
/// because EF's model cannot describe a virtual table and migrations of parallel branches get regenerated from the
/// model; creation is idempotent, and an index of the earlier shape (text only) is rebuilt once.
/// PostgreSQL needs none of this: its GIN expression index is part of the model.
/// </summary>
public static class SqliteSearchIndex
{
    public const string Table = "MessageSearch";

    // Core has folded and split the text already (SearchDocument: letters and digits separated by spaces): the
    // tokenizer only splits on spaces and must not fold again. '-' is a token character so a conversation id (the GUID
    // text EF stores) is one token; no word of SearchText contains one. One UPDATE trigger removes the old tokens
    // before adding the new ones (two triggers would run in an unspecified order); a message never changes conversation.
    private const string Create = """
        CREATE VIRTUAL TABLE "MessageSearch" USING fts5("SearchText", "ConversationId", content='Messages', content_rowid='rowid', tokenize="unicode61 remove_diacritics 0 tokenchars '-'");
        CREATE TRIGGER "MessageSearch_insert" AFTER INSERT ON "Messages" WHEN new."SearchText" IS NOT NULL BEGIN
          INSERT INTO "MessageSearch"(rowid, "SearchText", "ConversationId") VALUES (new.rowid, new."SearchText", new."ConversationId");
        END;
        CREATE TRIGGER "MessageSearch_delete" AFTER DELETE ON "Messages" WHEN old."SearchText" IS NOT NULL BEGIN
          INSERT INTO "MessageSearch"("MessageSearch", rowid, "SearchText", "ConversationId") VALUES ('delete', old.rowid, old."SearchText", old."ConversationId");
        END;
        CREATE TRIGGER "MessageSearch_update" AFTER UPDATE OF "SearchText" ON "Messages" BEGIN
          INSERT INTO "MessageSearch"("MessageSearch", rowid, "SearchText", "ConversationId") SELECT 'delete', old.rowid, old."SearchText", old."ConversationId" WHERE old."SearchText" IS NOT NULL;
          INSERT INTO "MessageSearch"(rowid, "SearchText", "ConversationId") SELECT new.rowid, new."SearchText", new."ConversationId" WHERE new."SearchText" IS NOT NULL;
        END;
        INSERT INTO "MessageSearch"("MessageSearch") VALUES ('rebuild');
        """;

    /// <summary>The index of the first shape (text only), replaced once by <see cref="Create"/>.</summary>
    private const string DropTextOnly = """
        DROP TRIGGER IF EXISTS "MessageSearch_insert";
        DROP TRIGGER IF EXISTS "MessageSearch_delete";
        DROP TRIGGER IF EXISTS "MessageSearch_update";
        DROP TABLE "MessageSearch";
        """;

    public static async Task EnsureAsync(DbContext db, CancellationToken cancellationToken)
    {
        var definition = await DefinitionAsync(db, Table, cancellationToken);
        if (definition is not null && definition.Contains("\"ConversationId\"", StringComparison.Ordinal))
        {
            return;
        }

        // Rebuilding reads every message once (about a minute per million on a small server), on the first start only.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (definition is not null)
        {
            await db.Database.ExecuteSqlRawAsync(DropTextOnly, cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(Create, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// An FTS5 query: <paramref name="words"/> (<see cref="SearchQuery.ToFts5(IReadOnlyDictionary{string, IReadOnlyList{string}})"/>)
    /// in the message text, and when <paramref name="conversations"/> is given, in one of those conversations.
    /// </summary>
    public static string Match(string words, IReadOnlyCollection<Guid>? conversations = null) =>
        "{SearchText} : (" + words + ")" + (conversations is null ? ""
            : " AND {ConversationId} : (" + string.Join(" OR ", conversations.Select(c => "\"" + c + "\"")) + ")");

    /// <summary>The CREATE statement of a table, or null when there is none: the tables made outside migrations are made once.</summary>
    internal static Task<string?> DefinitionAsync(DbContext db, string table, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<string?>($"SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}")
            .SingleOrDefaultAsync(cancellationToken);
}
