namespace Messaging.Core.Presence;

/// <summary>The <c>Messaging:Presence</c> section.</summary>
public sealed class PresenceOptions
{
    public const string Section = "Messaging:Presence";

    /// <summary>How long a user stays "online" after their last connection closed: a page reload or a flaky network is not leaving.</summary>
    public TimeSpan OfflineGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No activity on any connection for this long turns "online" into "away".</summary>
    public TimeSpan AwayAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a node renews its claim on its users' connections in Redis and looks for idle users.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);
}
