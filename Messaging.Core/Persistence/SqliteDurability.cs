using System.Data.Common;
using Messaging.Core.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Messaging.Core.Persistence;

/// <summary>
/// Sets <c>PRAGMA synchronous</c> on every SQLite connection EF opens: the setting belongs to the connection, not the
/// file. <c>NORMAL</c> in WAL mode writes each commit to the WAL file (the operating system has it, so a killed process
/// loses nothing) and syncs at checkpoints only; a power cut can lose the commits since the last sync (ADR 0030).
/// </summary>
internal sealed class SqliteDurability(SqliteSynchronous mode) : DbConnectionInterceptor
{
    private readonly string pragma = mode == SqliteSynchronous.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        command.ExecuteNonQuery();
    }
}
