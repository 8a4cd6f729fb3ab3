using System.Net;
using System.Text;
using Messaging.Core.Operations;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;

namespace Messaging.Tests.Web.Operations;

/// <summary>--backup / --restore on SQLite: a snapshot taken while the node serves restores into a fresh data directory.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task Backup_WhileServing_RestoresIntoAFreshDataDirectory_AndReadsTheEncryptedConversation()
    {
        await using var original = await SqliteDatabase.CreateAsync();
        await using var restoredDatabase = await SqliteDatabase.CreateAsync();
        var backupFolder = Path.Combine(original.DataDirectory, "..", $"messaging-backup-{Guid.NewGuid():N}");
        try
        {
            string secret;
            TestUser sara;
            string attachmentId;
            var fileBytes = Encoding.UTF8.GetBytes("sealed file body");
            await using (var serving = MessagingHost.Start(DatabaseProvider.Sqlite, original.ConnectionString, original.DataDirectory))
            {
                using var api = serving.CreateApi();
                sara = await api.CreateVerifiedUserAsync("Sara");
                var omar = await api.CreateVerifiedUserAsync("Omar");
                secret = await api.CreateDirectAsync(sara, omar, encrypted: true);
                await api.SendMessageAsync(sara, secret, "before the backup");
                var attachment = await api.UploadOkAsync(sara, secret, fileBytes, "sealed.txt");
                attachmentId = attachment["id"]!.GetValue<string>();
                await api.SendMessageAsync(sara, secret, "", new { attachments = new[] { attachmentId } });

                // Sends keep committing while the snapshot is taken.
                using var stop = new CancellationTokenSource();
                var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var sending = Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested && i < 60; i++)
                    {
                        await api.SendMessageAsync(omar, secret, $"during {i}");
                        first.TrySetResult();
                    }
                });
                await first.Task.WaitAsync(TimeSpan.FromSeconds(30));
                var manifest = await ActivatorUtilities.CreateInstance<DataBackup>(serving.Services).BackupAsync(backupFolder);
                await stop.CancelAsync();
                await sending;

                Assert.True(manifest.HasDatabase);
                Assert.True(manifest.HasAttachments);
                Assert.True(manifest.Keys > 0);
            }

            var keyRing = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(restoredDatabase.DataDirectory, "keys")), NullLoggerFactory.Instance);
            await DataBackup.RestoreAsync(backupFolder, restoredDatabase.DataDirectory, restoredDatabase.DatabasePath, keyRing);

            await using var restored = MessagingHost.Start(DatabaseProvider.Sqlite, restoredDatabase.ConnectionString, restoredDatabase.DataDirectory);
            using var restoredApi = restored.CreateApi();
            var again = await restoredApi.LoginAsync(sara.Email, sara.Password);
            var history = (await restoredApi.GetAsync($"/api/v1/messaging/conversations/{secret}/messages?after_sequence=0&limit=100", again))!.AsArray();

            Assert.Equal("before the backup", history[0]!["content"]!.GetValue<string>());
            Assert.Contains(history, m => m!["content"]!.GetValue<string>().StartsWith("during ", StringComparison.Ordinal));
            // One consistent point in time: the sequences have no gap.
            var sequences = history.Select(m => m!["sequence"]!.GetValue<long>()).ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
            using var download = await restoredApi.DownloadAsync(again, $"/api/v1/messaging/attachments/{attachmentId}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(fileBytes, await download.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            if (Directory.Exists(backupFolder))
            {
                Directory.Delete(backupFolder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Restore_OverAnExistingDatabase_IsRefused()
    {
        await using var database = await SqliteDatabase.CreateAsync();
        var backupFolder = Path.Combine(database.DataDirectory, "backup");
        await using (var serving = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory))
        {
            await ActivatorUtilities.CreateInstance<DataBackup>(serving.Services).BackupAsync(backupFolder);
        }

        var keyRing = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(database.DataDirectory, "keys")), NullLoggerFactory.Instance);
        var refused = await Assert.ThrowsAsync<BackupException>(() =>
            DataBackup.RestoreAsync(backupFolder, database.DataDirectory, database.DatabasePath, keyRing));
        Assert.Contains("already exists", refused.Message, StringComparison.Ordinal);
    }
}
