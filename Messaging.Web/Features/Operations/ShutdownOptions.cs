using System.ComponentModel.DataAnnotations;

namespace Messaging.Web.Features.Operations;

/// <summary>The <c>Messaging:Shutdown</c> section: how a node leaves on SIGTERM (docs/operations.md "Graceful shutdown").</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Messaging:Shutdown";

    /// <summary>
    /// The longest a stopping node waits for requests in flight (sends commit and are answered) before it closes what is
    /// left. Keep it below the service manager's own limit (systemd <c>TimeoutStopSec</c>), or the node is killed first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Messaging:Shutdown:Timeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the node waits for its <c>reconnect</c> hints to be written, and then for hub clients to leave, before it closes what is left.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Messaging:Shutdown:HintTimeout must be between 00:00:00 and 00:01:00.")]
    public TimeSpan HintTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
