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
}
