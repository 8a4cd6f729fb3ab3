namespace Messaging.Core.DataRights;

/// <summary>The <c>Messaging:DataRights</c> section: how long a "download my data" ZIP is kept.</summary>
public sealed class DataRightsOptions
{
    public const string Section = "Messaging:DataRights";

    /// <summary>How long a finished export can be downloaded before it is deleted.</summary>
    public TimeSpan ExportLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Cron of the job that deletes expired exports.</summary>
    public string ExportCleanupCron { get; set; } = "23 * * * *";
}
