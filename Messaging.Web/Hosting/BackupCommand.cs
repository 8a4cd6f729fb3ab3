using Messaging.Core.Operations;

namespace Messaging.Web.Hosting;

/// <summary><c>dotnet Messaging.Web.dll --backup PATH</c> and <c>--restore PATH</c>: run, report, exit (docs/operations.md).</summary>
internal static class BackupCommand
{
    /// <summary>True when the arguments asked for a backup or restore (done, successfully or not): the process then exits.</summary>
    public static async Task<bool> RunBackupCommandAsync(this WebApplication app, string[] args)
    {
        var backup = Argument(args, "--backup");
        var restore = Argument(args, "--restore");
        if (backup is null && restore is null)
        {
            return false;
        }

        var data = ActivatorUtilities.CreateInstance<DataBackup>(app.Services);
        try
        {
            if (backup is not null)
            {
                var made = await data.BackupAsync(backup);
                app.Logger.LogInformation(
                    "Backup written to {Path}: database {Database}, attachments {Attachments}, {Keys} keys.{Note}",
                    Path.GetFullPath(backup), made.HasDatabase, made.HasAttachments, made.Keys,
                    made.HasDatabase ? "" : " Dump the PostgreSQL database with pg_dump as well (docs/operations.md).");
            }
            else
            {
                var restored = await data.RestoreAsync(restore!);
                app.Logger.LogInformation(
                    "Restored the backup of {CreatedAt} from {Path}: database {Database}, attachments {Attachments}, {Keys} keys.",
                    restored.CreatedAt, Path.GetFullPath(restore!), restored.HasDatabase, restored.HasAttachments, restored.Keys);
            }
        }
        catch (Exception ex) when (ex is BackupException or IOException or UnauthorizedAccessException)
        {
            app.Logger.LogCritical("{Command} failed: {Reason}", backup is null ? "--restore" : "--backup", ex.Message);
            Environment.ExitCode = 1;
        }

        return true;
    }

    private static string? Argument(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return null;
        }

        return index + 1 < args.Length ? args[index + 1] : throw new ArgumentException($"{name} needs a folder path.");
    }
}
