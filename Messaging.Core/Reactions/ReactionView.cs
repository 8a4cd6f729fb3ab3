namespace Messaging.Core.Reactions;

/// <summary>One emoji on a message: how many put it there and who, in the order they reacted.</summary>
public sealed record ReactionView(string Emoji, int Count, IReadOnlyList<Guid> UserIds);
