using Hangfire;
using Messaging.Core.Retention;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Retention;

/// <summary>The daily retention run (<c>Messaging:Retention:Cron</c>): once per deployment, whatever the number of nodes.</summary>
internal static class RetentionJobs
{
    public static void Schedule(IServiceProvider services, IRecurringJobManager recurring)
    {
        var options = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), options.Cron);
    }
}
