using System.Text.Json;
using Hangfire;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

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

public sealed class PushRetryException(string message) : Exception(message);

/// <summary>One push to one subscription. 404/410 deletes the subscription; 429/5xx throws, and Hangfire retries later.</summary>
public sealed class PushJob(IDbContextFactory<MessagingDbContext> dbFactory, IPushSender sender)
{
    [AutomaticRetry(Attempts = 6, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task SendAsync(Guid subscriptionId, string payloadJson, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.Set<PushSubscription>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        if (subscription is null)
        {
            return;
        }

        switch (await sender.SendAsync(subscription, System.Text.Encoding.UTF8.GetBytes(payloadJson), cancellationToken))
        {
            case PushOutcome.Gone:
                await db.Set<PushSubscription>().Where(s => s.Id == subscriptionId).ExecuteDeleteAsync(cancellationToken);
                break;
            case PushOutcome.RetryLater:
                throw new PushRetryException("The push service asked to try again later.");
        }
    }
}
