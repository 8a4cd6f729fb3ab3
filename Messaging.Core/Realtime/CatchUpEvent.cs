namespace Messaging.Core.Realtime;

/// <summary>
/// Not something that happened to a conversation but a warning to every subscriber of a node: events may have been
/// missed (the node's link to the other nodes through Redis was down), so each hub connection and circuit catches up
/// by sequence. A node announces it on Redis once its connection is restored; every node, itself included, hands it
/// to all of its local subscribers (<see cref="InProcessEventBus.DeliverToEveryoneLocallyAsync"/>). Addressed to nobody
/// in particular, so it never goes through a use case's audience.
/// </summary>
public sealed record CatchUpEvent() : MessagingEvent([])
{
    /// <summary>Its type discriminator on Redis, the first property of its JSON.</summary>
    public const string Kind = "catch-up";
}
