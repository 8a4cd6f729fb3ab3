using System.Text.Json;
using System.Xml.Linq;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Operations;

/// <summary>What a backup folder holds (backup.json).</summary>
public sealed record BackupManifest(DateTimeOffset CreatedAt, DatabaseProvider Provider, bool HasDatabase, bool HasAttachments, int Keys);

/// <summary>A backup or restore that cannot be done, with the reason an operator reads.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// <c>--backup</c> and <c>--restore</c> (docs/operations.md): the SQLite database as one consistent snapshot taken
/// while the node serves (<c>VACUUM INTO</c>), then the attachment files and the Data Protection key ring, without
/// which encrypted conversations cannot be read. PostgreSQL is dumped with pg_dump; its key ring and files still come here.
/// </summary>
public sealed class DataBackup(
    IOptions<MessagingOptions> options,
    IOptions<AttachmentOptions> attachments,
    IOptions<KeyManagementOptions> keys,
    IDbContextFactory<MessagingDbContext> dbFactory,
    TimeProvider time)
{
    public const string ManifestFile = "backup.json";
    public const string DatabaseFile = "messaging.db";
    public const string AttachmentsFolder = "attachments";
    public const string KeysFolder = "keys";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<BackupManifest> BackupAsync(string target, CancellationToken cancellationToken = default)
    {
        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new BackupException($"The backup folder {target} is not empty; choose a new folder.");
        }

        Directory.CreateDirectory(target);
        var provider = options.Value.Database.Provider;

        // The database first: a file copied after it without its row is harmless (never served); the other way round is a 404.
        var hasDatabase = provider == DatabaseProvider.Sqlite;
        if (hasDatabase)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var file = Path.Combine(target, DatabaseFile);
            await db.Database.ExecuteSqlAsync($"VACUUM INTO {file}", cancellationToken);
        }

        var hasAttachments = attachments.Value.Store == AttachmentStoreKind.FileSystem;
        if (hasAttachments)
        {
            CopyFolder(Path.Combine(options.Value.FullDataDirectory, AttachmentsFolder), Path.Combine(target, AttachmentsFolder));
        }

        // Through the configured repository, so a key ring kept in Redis is saved as well as one on disk.
        var keyFolder = Directory.CreateDirectory(Path.Combine(target, KeysFolder));
        var count = 0;
        foreach (var element in KeyRing().GetAllElements())
        {
            element.Save(Path.Combine(keyFolder.FullName, $"{FriendlyName(element, count)}.xml"));
            count++;
        }

        var manifest = new BackupManifest(time.GetUtcNow(), provider, hasDatabase, hasAttachments, count);
        await File.WriteAllTextAsync(Path.Combine(target, ManifestFile), JsonSerializer.Serialize(manifest, Json), cancellationToken);
        return manifest;
    }

    /// <summary>Restores into this node's configured data directory, database file and key ring. The node must be stopped.</summary>
    public Task<BackupManifest> RestoreAsync(string source, CancellationToken cancellationToken = default)
    {
        var databasePath = options.Value.Database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(ConnectionString()).DataSource
            : null;
        return RestoreAsync(source, options.Value.FullDataDirectory, databasePath, KeyRing(), cancellationToken);
    }

    /// <param name="databasePath">The SQLite file to create, or null on PostgreSQL (restored with pg_restore).</param>
    public static async Task<BackupManifest> RestoreAsync(
        string source, string dataDirectory, string? databasePath, IXmlRepository keyRing, CancellationToken cancellationToken = default)
    {
        var manifestPath = Path.Combine(source, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new BackupException($"{source} is not a backup: {ManifestFile} is missing.");
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken), Json)
            ?? throw new BackupException($"{manifestPath} is empty.");
        if (manifest.HasDatabase)
        {
            if (databasePath is null)
            {
                throw new BackupException("This backup holds a SQLite database, but this node is configured for PostgreSQL.");
            }

            if (File.Exists(databasePath) && new FileInfo(databasePath).Length > 0)
            {
                throw new BackupException($"{databasePath} already exists; restore into a fresh data directory (or move it away first).");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
            File.Copy(Path.Combine(source, DatabaseFile), databasePath, overwrite: true);
        }

        if (manifest.HasAttachments)
        {
            CopyFolder(Path.Combine(source, AttachmentsFolder), Path.Combine(Path.GetFullPath(dataDirectory), AttachmentsFolder));
        }

        var known = keyRing.GetAllElements().Select(e => e.Attribute("id")?.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, KeysFolder), "*.xml"))
        {
            var element = XElement.Load(file);
            if (!known.Contains(element.Attribute("id")?.Value))
            {
                keyRing.StoreElement(element, Path.GetFileNameWithoutExtension(file));
            }
        }

        return manifest;
    }

    private IXmlRepository KeyRing() =>
        keys.Value.XmlRepository ?? throw new BackupException("No Data Protection key repository is configured.");

    private string ConnectionString()
    {
        using var db = dbFactory.CreateDbContext();
        return db.Database.GetConnectionString() ?? "";
    }

    private static string FriendlyName(XElement element, int index) =>
        element.Attribute("id")?.Value is { } id ? $"key-{id}" : $"element-{index}";

    private static void CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            try
            {
                File.Copy(file, destination, overwrite: false);
            }
            catch (FileNotFoundException)
            {
                // Deleted by clean-up while copying: its row is gone too (or going), nothing to keep.
            }
        }
    }
}
