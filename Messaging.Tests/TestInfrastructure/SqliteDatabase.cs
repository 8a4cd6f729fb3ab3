using Microsoft.Data.Sqlite;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// A unique temporary directory holding <c>messaging.db</c> (and anything else a test writes next to it,
/// e.g. attachments), deleted on dispose.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private bool _disposed;

    private SqliteDatabase(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        DatabasePath = Path.Combine(dataDirectory, "messaging.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();
    }

    /// <summary>The temporary directory; deleted with everything in it on dispose.</summary>
    public string DataDirectory { get; }

    /// <summary>Full path of <c>messaging.db</c> (not created until something opens it).</summary>
    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public static Task<SqliteDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"msg_test_{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return Task.FromResult(new SqliteDatabase(directory));
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
