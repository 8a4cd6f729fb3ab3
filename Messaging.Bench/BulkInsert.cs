using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Messaging.Bench;

/// <summary>
/// Writes generated messages far faster than EF's change tracker can (a million rows for the search bench): one
/// prepared INSERT in one transaction on SQLite, binary COPY on PostgreSQL. Columns and value conversions come from
/// EF's model, so the rows are exactly what the product would write, and the SQLite index triggers still run.
/// </summary>
internal static class BulkInsert
{
    public static async Task MessagesAsync(MessagingDbContext db, IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(Message))!;
        var table = entity.GetTableName()!;
        // A computed column (PostgreSQL's stored search words) is written by the database, never by us.
        var columns = entity.GetProperties().Where(p => p.GetComputedColumnSql() is null).Select(p => (Property: p, Column: p.GetColumnName())).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (connection is NpgsqlConnection postgres)
            {
                var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)";
                await using var importer = await postgres.BeginBinaryImportAsync(copy, cancellationToken);
                foreach (var message in messages)
                {
                    await importer.StartRowAsync(cancellationToken);
                    foreach (var (property, _) in columns)
                    {
                        var value = ProviderValue(property, message);
                        if (value is null)
                        {
                            await importer.WriteNullAsync(cancellationToken);
                        }
                        else
                        {
                            await importer.WriteAsync(value, property.GetColumnType(), cancellationToken);
                        }
                    }
                }

                await importer.CompleteAsync(cancellationToken);
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            var parameters = columns.Select((_, i) =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = $"$p{i}";
                insert.Parameters.Add(parameter);
                return parameter;
            }).ToList();
            foreach (var message in messages)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    parameters[i].Value = ProviderValue(columns[i].Property, message) ?? DBNull.Value;
                }

                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static object? ProviderValue(IProperty property, Message message)
    {
        var value = property.PropertyInfo!.GetValue(message);
        var converter = property.GetTypeMapping().Converter;
        return value is null || converter is null ? value : converter.ConvertToProvider(value);
    }
}
