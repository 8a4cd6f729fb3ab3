namespace Messaging.Core.Realtime;

/// <summary>The <c>Messaging:Realtime</c> section.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Messaging:Realtime";

    /// <summary>
    /// Prefix of every Redis channel and key the realtime layer uses. Installations (and parallel test runs) sharing one
    /// Redis keep apart by giving each a different prefix.
    /// </summary>
    public string ChannelPrefix { get; set; } = "messaging";
}
