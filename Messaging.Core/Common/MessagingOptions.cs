using Messaging.Core.Persistence;

namespace Messaging.Core.Common;

/// <summary>The <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Everything kept on disk (SQLite file, key ring, attachments) lives under this folder.</summary>
    public string DataDirectory { get; set; } = "./data";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Redis connection string; when set, events, presence and keys are shared between nodes.</summary>
    public string? Redis { get; set; }

    public AdminOptions Admin { get; set; } = new();

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class AdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}
