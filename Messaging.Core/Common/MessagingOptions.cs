using System.ComponentModel.DataAnnotations;
using Messaging.Core.Persistence;

namespace Messaging.Core.Common;

/// <summary>The <c>Messaging</c> configuration section; validated at start-up (see <see cref="CoreRegistration"/>).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Everything kept on disk (SQLite file, key ring, attachments) lives under this folder.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Messaging:DataDirectory must name a folder.")]
    public string DataDirectory { get; set; } = "./data";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Redis connection string; when set, events, presence and keys are shared between nodes.</summary>
    public string? Redis { get; set; }

    public AdminOptions Admin { get; set; } = new();

    /// <summary>The address people reach the app at (<c>https://messaging.example.com</c>): links in emails and pushes point there.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The largest request body the server accepts, in bytes.</summary>
    [Range(1024, 1L << 32, ErrorMessage = "Messaging:MaxRequestBodyBytes must be between 1024 and 4294967296.")]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Unset, or an absolute http(s) URL: anything else would put links that lead nowhere into emails.</summary>
    public bool HasUsablePublicUrl => string.IsNullOrEmpty(PublicUrl)
        || (Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp));

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations when the app starts; by default on SQLite only (PostgreSQL deployments migrate with <c>--migrate</c>).</summary>
    public bool? MigrateOnStart { get; set; }

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// SQLite's <c>PRAGMA synchronous</c> on every connection (ADR 0030): <c>Normal</c> (no fsync per commit in WAL mode;
    /// a process kill loses nothing committed, a power cut may lose the last commits) or <c>Full</c> (fsync per commit).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>PostgreSQL: how many nodes share the database server; each node's pool gets its share (ADR 0030).</summary>
    public int Nodes { get; set; } = 1;

    /// <summary>PostgreSQL: the server's <c>max_connections</c> (PostgreSQL's default is 100).</summary>
    public int MaxConnections { get; set; } = 100;

    /// <summary>PostgreSQL: connections kept free for superusers, migrations, backups and psql (not given to any pool).</summary>
    public int ReservedConnections { get; set; } = 10;

    /// <summary>Each node's Npgsql pool size: its share of what is not reserved, at least 2.</summary>
    public int PoolSizePerNode => Math.Max(2, (MaxConnections - ReservedConnections) / Math.Max(1, Nodes));

    /// <summary>
    /// Sends are group-committed (ADR 0030, 0038): queued to a writer that writes many in one transaction. False: each
    /// send commits a transaction of its own (the form before group commit; for comparison and as an operator's fallback).
    /// </summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>
    /// The most sends the group-commit writer puts in one transaction (ADR 0030). On PostgreSQL at most
    /// <see cref="Persistence.GroupCommit.PostgresMaxBatch"/> (each send is a subtransaction; ADR 0038).
    /// </summary>
    public int GroupCommitMaxBatch { get; set; } = 256;

    /// <summary>PostgreSQL: group-commit writers per node, each owning a share of the conversations (ADR 0038). SQLite has one.</summary>
    public int GroupCommitWriters { get; set; } = 4;
}

/// <summary>How hard SQLite makes each commit durable (the values of <c>PRAGMA synchronous</c> that make sense in WAL mode).</summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}

public sealed class AdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>The <c>ConnectionStrings</c> section: <c>Messaging</c> is the database's.</summary>
public sealed class ConnectionStringsOptions
{
    public const string Section = "ConnectionStrings";

    public string? Messaging { get; set; }
}
