using System.Diagnostics.Metrics;

namespace Messaging.Core.Operations;

/// <summary>
/// The product's own instruments (docs/operations.md lists them). Static because meters are process-wide by design:
/// every OpenTelemetry MeterProvider that asks for <see cref="MeterName"/> sees them. Counts only, never content.
/// </summary>
public static class MessagingMetrics
{
    /// <summary>The meter name to subscribe to ("Messaging"); the web host adds <c>Messaging.*</c> meters of its own.</summary>
    public const string MeterName = "Messaging";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>+1 per accepted new message (a retried client_message_id counts once).</summary>
    public static readonly Counter<long> MessagesSent = Meter.CreateCounter<long>(
        "messaging.messages.sent", "{message}", "Messages accepted and committed.");

    /// <summary>Writes committed together by a group-commit writer, one record per commit (ADR 0030, 0038).</summary>
    public static readonly Histogram<int> GroupCommitBatchSize = Meter.CreateHistogram<int>(
        "messaging.group_commit.batch_size", "{write}", "Sends written in one group-commit transaction.");

    public static readonly Counter<long> BusPublished = Meter.CreateCounter<long>(
        "messaging.bus.published", "{event}", "Events this node published on the event bus.");

    public static readonly Counter<long> BusReceived = Meter.CreateCounter<long>(
        "messaging.bus.received", "{event}", "Events this node received from other nodes through Redis.");

    public static readonly Counter<long> RedisReconnects = Meter.CreateCounter<long>(
        "messaging.redis.reconnects", "{reconnect}", "Times the Redis connection was restored after a failure.");

    /// <summary>Tagged <c>outcome</c> = sent | failed.</summary>
    public static readonly Counter<long> Emails = Meter.CreateCounter<long>(
        "messaging.emails", "{email}", "Emails handed to the SMTP server, or failed.");

    /// <summary>Tagged <c>outcome</c> = delivered | gone | retry_later | rejected.</summary>
    public static readonly Counter<long> Pushes = Meter.CreateCounter<long>(
        "messaging.pushes", "{push}", "Web Push messages by the push service's answer.");

    /// <summary>Tagged <c>job</c> (the job's type name) and <c>outcome</c> = succeeded | failed.</summary>
    public static readonly Counter<long> Jobs = Meter.CreateCounter<long>(
        "messaging.jobs", "{job}", "Background jobs run.");
}
