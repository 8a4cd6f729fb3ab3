using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>
/// The SQLite FTS5 index over <c>Messages.SearchText</c>. External content (the text is stored once, in Messages),
/// kept up to date by triggers, so a send, edit or delete updates it inside its own statement and transaction with
/// no extra command. Created here rather than in a migration because EF's model cannot describe a virtual table
/// and migrations of parallel branches get regenerated from the model; creation is idempotent.
/// PostgreSQL needs none of this: its GIN expression index is part of the model.
/// </summary>
public static class SqliteSearchIndex
{
    public const string Table = "MessageSearch";

    public static async Task EnsureAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (await TableExistsAsync(db, Table, cancellationToken))
        {
            return;
        }

        // Core has folded and split the text already (SearchDocument): the tokenizer only splits on spaces
        // and must not fold again. One UPDATE trigger removes the old tokens before adding the new
        // ones (two triggers would run in an unspecified order).
        await db.Database.ExecuteSqlRawAsync(
            """
            CREATE VIRTUAL TABLE "MessageSearch" USING fts5("SearchText", content='Messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
            CREATE TRIGGER "MessageSearch_insert" AFTER INSERT ON "Messages" WHEN new."SearchText" IS NOT NULL BEGIN
              INSERT INTO "MessageSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
            END;
            CREATE TRIGGER "MessageSearch_delete" AFTER DELETE ON "Messages" WHEN old."SearchText" IS NOT NULL BEGIN
              INSERT INTO "MessageSearch"("MessageSearch", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
            END;
            CREATE TRIGGER "MessageSearch_update" AFTER UPDATE OF "SearchText" ON "Messages" BEGIN
              INSERT INTO "MessageSearch"("MessageSearch", rowid, "SearchText") SELECT 'delete', old.rowid, old."SearchText" WHERE old."SearchText" IS NOT NULL;
              INSERT INTO "MessageSearch"(rowid, "SearchText") SELECT new.rowid, new."SearchText" WHERE new."SearchText" IS NOT NULL;
            END;
            INSERT INTO "MessageSearch"("MessageSearch") VALUES ('rebuild');
            """, cancellationToken);
    }

    /// <summary>Whether SQLite has a table of that name: the tables created outside migrations are made only once.</summary>
    internal static async Task<bool> TableExistsAsync(DbContext db, string table, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}")
            .SingleAsync(cancellationToken) > 0;
}
