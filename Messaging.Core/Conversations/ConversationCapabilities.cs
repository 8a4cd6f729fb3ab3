using Messaging.Core.Messages;

namespace Messaging.Core.Conversations;

/// <summary>
/// What one user may do in a conversation, decided here once: the use cases enforce these rules and the UI reads them
/// to show or hide its actions, instead of deciding again.
/// </summary>
public sealed record ConversationCapabilities(Guid ViewerId, ConversationType ConversationType, ParticipantRole Role)
{
    /// <summary>For a user who is not a member: nothing.</summary>
    public static readonly ConversationCapabilities None = new(Guid.Empty, ConversationType.Direct, ParticipantRole.Member);

    public bool IsGroup => ConversationType == ConversationType.Group;

    public bool IsGroupAdmin => IsGroup && Role == ParticipantRole.Admin;

    /// <summary>Only a group's admins rename it; a direct conversation has no title.</summary>
    public bool CanRename => IsGroupAdmin;

    public bool CanAddParticipants => IsGroupAdmin;

    /// <summary>Removing someone else needs a group admin; anyone may leave a group (see <see cref="CanRemove"/>).</summary>
    public bool CanRemoveParticipants => IsGroupAdmin;

    public bool CanLeave => IsGroup;

    /// <summary>A group admin may delete anyone's message; everyone may delete their own.</summary>
    public bool CanModerateMessages => IsGroupAdmin;

    /// <summary>Group admins turn file sharing on or off; in a direct conversation it stays as created.</summary>
    public bool CanManageFileSharing => IsGroupAdmin;

    /// <summary>Group admins choose how long the group's messages are kept; a direct conversation follows the deployment.</summary>
    public bool CanManageRetention => IsGroupAdmin;

    /// <summary>Anyone in a direct conversation pins and unpins; in a group only its admins, so the bar stays meaningful.</summary>
    public bool CanPin => ViewerId != Guid.Empty && (!IsGroup || IsGroupAdmin);

    public static ConversationCapabilities For(ConversationType type, ParticipantRole role, Guid viewerId) => new(viewerId, type, role);

    /// <summary>Removing <paramref name="userId"/>: themself (leaving) in any group, anyone as a group admin.</summary>
    public bool CanRemove(Guid userId) => IsGroup && (userId == ViewerId || IsGroupAdmin);

    /// <summary>Only the sender edits a message, never a system message nor a deleted one.</summary>
    public bool CanEdit(Guid senderId, MessageType type, bool isDeleted) =>
        ViewerId != Guid.Empty && senderId == ViewerId && type != MessageType.System && !isDeleted;

    /// <summary>The sender deletes their own message; a group admin deletes anyone's. System messages and tombstones stay.</summary>
    public bool CanDelete(Guid senderId, MessageType type, bool isDeleted) =>
        ViewerId != Guid.Empty && (senderId == ViewerId || IsGroupAdmin) && type != MessageType.System && !isDeleted;

    public bool CanEdit(MessageView message) => CanEdit(message.SenderId, message.MessageType, message.IsDeleted);

    public bool CanDelete(MessageView message) => CanDelete(message.SenderId, message.MessageType, message.IsDeleted);

    /// <summary>Pinning applies to real messages only: never a system message nor a tombstone.</summary>
    public bool CanPinMessage(MessageView message) => CanPin && message.MessageType != MessageType.System && !message.IsDeleted;
}
