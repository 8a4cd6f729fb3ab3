using Messaging.Core.Realtime;

namespace Messaging.Core.Accounts.Sessions;

/// <summary>
/// A user's access changed: one session ended (<see cref="SessionId"/>), or all of them, or their verification or
/// security stamp changed (<see cref="SessionId"/> null). Addressed to <see cref="Audience"/>, which only the access
/// listeners of every node subscribe to; they forget cached checks and close the affected connections and circuits.
/// </summary>
public sealed record UserAccessChangedEvent(Guid UserId, Guid? SessionId) : MessagingEvent(AudienceList)
{
    /// <summary>A recipient id no user has (ids are version 7 Guids).</summary>
    public static readonly Guid Audience = new("00000000-0000-0000-0000-0000000acce5");

    private static readonly Guid[] AudienceList = [Audience];
}
