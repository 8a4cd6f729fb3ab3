namespace Messaging.Core.Forwarding;

/// <summary>
/// Where a forwarded message came from (API.md <c>forwarded_from</c>): ids and the original sender's name only, so
/// the members of the target learn nothing else about a conversation they may not be in.
/// </summary>
public sealed record ForwardedFromView(Guid ConversationId, Guid MessageId, string SenderName);
