using Hangfire.Common;
using Hangfire.States;

namespace Messaging.Core.Notifications.Push;

/// <summary>
/// Turns a failed push attempt (<see cref="PushRetryException"/>) into a scheduled one: after the push service's
/// <c>Retry-After</c> when it gave one, never sooner than the exponential back-off (<c>RetryDelay</c>, doubled per
/// attempt, at most a day); after <c>MaxAttempts</c> attempts the push is dropped. Runs before Hangfire's own
/// <see cref="Hangfire.AutomaticRetryAttribute"/>, which then sees a scheduled state and leaves it alone.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PushRetryAttribute : JobFilterAttribute, IElectStateFilter
{
    public const string AttemptParameter = "PushAttempt";
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public PushRetryAttribute() => Order = 10;

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState { Exception: PushRetryException retry })
        {
            return;
        }

        // The first attempt is 1; this one just failed.
        var attempt = context.GetJobParameter<int>(AttemptParameter, allowStale: true) + 1;
        if (attempt >= retry.MaxAttempts)
        {
            context.CandidateState = new DeletedState { Reason = $"The push service still refused after {attempt} attempts." };
            return;
        }

        context.SetJobParameter(AttemptParameter, attempt);

        // The real clock: Hangfire compares the schedule with its own DateTime.UtcNow, not an injected one.
        context.CandidateState = new ScheduledState(NotBefore(TimeProvider.System.GetUtcNow().UtcDateTime + Delay(attempt, retry.RetryDelay, retry.RetryAfter)))
        {
            Reason = retry.Message,
        };
    }

    /// <summary>
    /// Hangfire keeps a scheduled job's time in whole seconds, rounded down, and runs it once that second has begun:
    /// a job due at 10.9 s may run at 10.0 s. Rounding up to the next whole second keeps the wait from being shorter
    /// than the push service asked for.
    /// </summary>
    public static DateTime NotBefore(DateTime dueUtc)
    {
        var seconds = (dueUtc.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        return new DateTime(seconds * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    /// <summary>How long to wait after failed attempt number <paramref name="attempt"/> (1 = the first).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan retryDelay, TimeSpan? retryAfter)
    {
        var backoff = retryDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        var wait = retryAfter is { } asked && asked > backoff ? asked : backoff;
        return wait < LongestWait ? wait : LongestWait;
    }
}
