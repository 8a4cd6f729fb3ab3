namespace Messaging.Core.Notifications;

/// <summary>The <c>Messaging:Notifications</c> configuration section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Messaging:Notifications";

    /// <summary>How long a message stays unread before it goes into an email digest.</summary>
    public TimeSpan EmailDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>When the digest job runs (Hangfire cron, UTC); every minute by default.</summary>
    public string DigestCron { get; set; } = "* * * * *";

    /// <summary>How often the dispatcher looks at the outbox when it found nothing to do.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long processed outbox entries and sent digest items are kept (for a look after an incident) before the clean-up job removes them.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public PushOptions Push { get; set; } = new();

    /// <summary>Copied from <c>Messaging:PublicUrl</c>: where links in emails and pushes point.</summary>
    public string PublicUrl { get; set; } = "";
}

public sealed class PushOptions
{
    /// <summary>VAPID public key (uncompressed P-256 point, base64url); generated and kept in the data directory when absent.</summary>
    public string? VapidPublicKey { get; set; }

    /// <summary>VAPID private key (the 32-byte scalar, base64url).</summary>
    public string? VapidPrivateKey { get; set; }

    /// <summary>The contact push services see (RFC 8292 "sub"): a mailto: or https: URL.</summary>
    public string? Subject { get; set; }

    /// <summary>Accept http:// push endpoints (tests on loopback only).</summary>
    public bool AllowInsecureEndpoints { get; set; }

    /// <summary>The wait after a first 429/5xx from a push service, doubled after each further one; a longer <c>Retry-After</c> wins.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts (the first included) before a push the service keeps refusing is dropped.</summary>
    public int MaxAttempts { get; set; } = 8;
}
