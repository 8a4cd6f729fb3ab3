namespace Messaging.Core.Acknowledgements;

/// <summary>Who acknowledged a message and when (API.md <c>acks: [{user_id, at}]</c>).</summary>
public sealed record AckView(Guid UserId, DateTime At);
