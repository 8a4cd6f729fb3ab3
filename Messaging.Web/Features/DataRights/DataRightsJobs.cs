using Hangfire;
using Messaging.Core.DataRights;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.DataRights;

/// <summary>The data rights feature's recurring jobs: once per deployment, whatever the number of nodes.</summary>
internal static class DataRightsJobs
{
    public static void Schedule(IServiceProvider services, IRecurringJobManager recurring)
    {
        var options = services.GetRequiredService<IOptions<DataRightsOptions>>().Value;
        recurring.AddOrUpdate<DataExportCleanup>(DataExportCleanup.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.ExportCleanupCron);
    }
}
