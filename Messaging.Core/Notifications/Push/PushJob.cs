using System.Text.Json;
using Hangfire;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Notifications.Push;

/// <summary>Where the dispatcher hands pushes after its commit.</summary>
public interface IPushQueue
{
    void Enqueue(Guid subscriptionId, PushPayload payload);
}

/// <summary>Pushes as Hangfire jobs, so a busy or failing push service is retried with back-off and survives a restart.</summary>
public sealed class HangfirePushQueue(IBackgroundJobClient jobs) : IPushQueue
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public void Enqueue(Guid subscriptionId, PushPayload payload) =>
        jobs.Enqueue<PushJob>(job => job.SendAsync(subscriptionId, JsonSerializer.Serialize(payload, Json), CancellationToken.None));
}

/// <summary>
/// One push to one subscription. 404/410 deletes the subscription; 429/5xx throws <see cref="PushRetryException"/> and
/// <see cref="PushRetryAttribute"/> schedules the next attempt after the service's <c>Retry-After</c> or the back-off,
/// whichever is longer, until <see cref="PushOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class PushJob(
    IDbContextFactory<MessagingDbContext> dbFactory,
    IPushSender sender,
    IOptions<NotificationOptions> options,
    ILogger<PushJob> logger)
{
    // Other failures (the database away for a moment) get Hangfire's usual retries; a push service's "later" is PushRetry's.
    [PushRetry]
    [AutomaticRetry(Attempts = 6, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task SendAsync(Guid subscriptionId, string payloadJson, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Set<PushSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return;
        }

        var result = await sender.SendAsync(subscription, System.Text.Encoding.UTF8.GetBytes(payloadJson), cancellationToken);
        switch (result.Outcome)
        {
            case PushOutcome.Gone:
                await db.Set<PushSubscription>().Where(s => s.Id == subscriptionId).ExecuteDeleteAsync(cancellationToken);
                break;
            case PushOutcome.RetryLater:
                var push = options.Value.Push;
                throw new PushRetryException(result.RetryAfter, push.RetryDelay, push.MaxAttempts);
            case PushOutcome.Rejected:
                LogRejected(logger, subscription.Endpoint);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The push service refused a push to {Endpoint}; it is not retried.")]
    private static partial void LogRejected(ILogger logger, string endpoint);
}

/// <summary>The push service said "later": what it asked for and how this deployment backs off.</summary>
public sealed class PushRetryException(TimeSpan? retryAfter, TimeSpan retryDelay, int maxAttempts)
    : Exception(retryAfter is { } wait ? $"The push service asked to try again in {wait}." : "The push service is busy or failing.")
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public TimeSpan RetryDelay { get; } = retryDelay;

    public int MaxAttempts { get; } = maxAttempts;
}
