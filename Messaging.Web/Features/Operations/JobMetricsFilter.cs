using Hangfire.Server;
using Messaging.Core.Operations;

namespace Messaging.Web.Features.Operations;

/// <summary>Counts every background job this node runs, by job type and outcome (messaging.jobs).</summary>
internal sealed class JobMetricsFilter : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
        // Counted when it has finished.
    }

    public void OnPerformed(PerformedContext context)
    {
        var outcome = context.Exception is null || context.ExceptionHandled ? "succeeded" : "failed";
        MessagingMetrics.Jobs.Add(
            1,
            new KeyValuePair<string, object?>("job", context.BackgroundJob.Job?.Type.Name ?? "unknown"),
            new KeyValuePair<string, object?>("outcome", outcome));
    }
}
