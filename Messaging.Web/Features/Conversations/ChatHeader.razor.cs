using Messaging.Core.Conversations;
using Messaging.Core.Presence;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Messaging.Web.Features.Conversations;

/// <summary>The chat's title bar: who, their presence or who is typing, the sensitive badge, back and settings.</summary>
public sealed partial class ChatHeader
{
    [Inject]
    private IPresenceReader Presence { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private IStringLocalizer<Resources.Conversations> T { get; set; } = null!;

    [Parameter, EditorRequired]
    public ConversationView Conversation { get; set; } = null!;

    /// <summary>The signed-in user.</summary>
    [Parameter]
    public Guid Me { get; set; }

    [Parameter]
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>"Sara is typing…", or null.</summary>
    [Parameter]
    public string? Typing { get; set; }

    /// <summary>The direct peer's status from a live event (null: ask the presence reader).</summary>
    [Parameter]
    public PresenceStatus? PeerStatus { get; set; }

    [Parameter]
    public DateTime? PeerLastSeen { get; set; }

    [Parameter]
    public EventCallback OnBack { get; set; }

    [Parameter]
    public EventCallback OnSettings { get; set; }

    /// <summary>Opens "search in this conversation".</summary>
    [Parameter]
    public EventCallback OnSearch { get; set; }

    private bool Direct => Conversation.ConversationType == ConversationType.Direct;

    private ParticipantView? Peer => ChatFormat.Peer(Conversation, Me);

    private string Title => ChatFormat.Title(T, Conversation, Me);

    // Presence only of a peer whose activity Core lets the viewer see (both accepted, no block).
    private PresenceStatus? Status => Peer is { PresenceVisible: true } peer ? PeerStatus ?? Presence.GetStatus(peer.UserId) : null;

    private string Subtitle => Status switch
    {
        PresenceStatus.Online => T["StatusOnline"],
        PresenceStatus.Away => T["StatusAway"],
        PresenceStatus.Offline when (PeerLastSeen ?? (Peer is { } peer ? Presence.GetSnapshot(peer.UserId).LastSeenAt : null)) is { } seen =>
            T["StatusLastSeen", ChatFormat.Relative(T, seen, Time.GetUtcNow().UtcDateTime, TimeZone)],
        PresenceStatus.Offline => T["StatusOffline"],
        _ when Direct => string.Empty,
        _ => T["MemberCount", Conversation.ParticipantDetails.Count],
    };
}
