using System.ComponentModel.DataAnnotations;

namespace Messaging.Core.Realtime;

/// <summary>The <c>Messaging:Realtime</c> section.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Messaging:Realtime";

    /// <summary>
    /// Prefix of every Redis channel and key the realtime layer uses. Installations (and parallel test runs) sharing one
    /// Redis keep apart by giving each a different prefix.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Messaging:Realtime:ChannelPrefix must not be empty.")]
    public string ChannelPrefix { get; set; } = "messaging";

    /// <summary>
    /// Registers the SignalR Redis backplane. Off by default: events reach hub connections through the event bus, and
    /// the backplane would make new hub connections fail while Redis is down (see docs/adr/0002-realtime-delivery.md).
    /// Turn it on only for code that sends through <c>IHubContext</c> to users or connections on other nodes.
    /// </summary>
    public bool SignalRBackplane { get; set; }

    /// <summary>
    /// Secret (at least 32 characters) with which nodes sign the events they share through Redis (HMAC-SHA-256), so whoever
    /// can publish on Redis cannot inject events. Required with <c>Messaging:Redis</c> outside Development; every node of
    /// an installation needs the same value. It comes from configuration, never from Redis.
    /// </summary>
    public string? EventSigningKey { get; set; }

    /// <summary>Used only in Development when no key is configured: a known value, so it protects nothing.</summary>
    internal const string DevelopmentEventSigningKey = "messaging-development-only-event-signing-key-not-secret";

    public const int MinimumEventSigningKeyLength = 32;
}
