using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Presence;
using Messaging.Core.Realtime;
using Messaging.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// One conversation: loads it and its latest page into a <see cref="TimelineModel"/>, applies the circuit's events to
/// it, and sends, edits and deletes. Receipts go through <see cref="CircuitReceipts"/> (coalesced, "read" only while
/// the tab is visible and the reader is at the bottom).
/// </summary>
public sealed partial class ChatPane : IAsyncDisposable
{
    private const int PageSize = MessageRules.PageSize;

    private readonly Dictionary<Guid, string> typists = [];
    private TimelineModel timeline = null!;
    private DraftSender drafts = null!;
    private ConversationView? conversation;
    private MessageLog? log;
    private Guid? jumpTo;
    private Composer? composer;
    private bool notFound;
    private string? loadError;
    private MessageView? replyTo;
    private MessageView? editing;
    private MessageView? threadRoot;
    private DateTimeOffset lastTypingAt;
    private PresenceStatus? peerStatus;
    private DateTime? peerLastSeen;

    [Inject] private ChatSession Session { get; set; } = null!;
    [Inject] private CircuitReceipts Receipts { get; set; } = null!;
    [Inject] private ConversationReader Reader { get; set; } = null!;
    [Inject] private GetMessagesHandler History { get; set; } = null!;
    [Inject] private SendMessageHandler Sender { get; set; } = null!;

    [Inject] private RateLimiting.RateLimits RateLimiter { get; set; } = null!;
    [Inject] private ChangeMessageHandler Changes { get; set; } = null!;
    [Inject] private EditWindow EditWindow { get; set; } = null!;
    [Inject] private MarkUnreadHandler Unread { get; set; } = null!;
    [Inject] private TypingHandler Typing { get; set; } = null!;
    [Inject] private IPresenceTracker Activity { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private IStringLocalizer<Resources.Conversations> T { get; set; } = null!;
    [Inject] private IStringLocalizer<Resources.Errors> E { get; set; } = null!;

    [Parameter, EditorRequired]
    public Guid ConversationId { get; set; }

    [Parameter]
    public EventCallback OnBack { get; set; }

    /// <summary>Open at this message (a search result) instead of the newest one.</summary>
    [Parameter]
    public Guid? FocusMessageId { get; set; }

    /// <summary>The focused message's sequence, so the page around it can be read even when it is far back.</summary>
    [Parameter]
    public long? FocusSequence { get; set; }

    private bool IsDirect => conversation?.ConversationType == ConversationType.Direct;


    private bool AtBottom => log?.AtBottom ?? true;

    private string? ComposerContext =>
        editing is not null ? T["EditingMessage"].Value
        : replyTo is not null ? T["ReplyingTo", replyTo.SenderName, Snippet(replyTo.Content)].Value
        : null;

    protected override async Task OnInitializedAsync()
    {
        drafts = new DraftSender(Sender, RateLimiter);
        timeline = new TimelineModel(Guid.Empty, PageSize);

        // Prerendering shows the loading state only: the interactive render loads once (and subscribes first).
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        if (!await Session.StartAsync())
        {
            notFound = true;
            return;
        }

        timeline = new TimelineModel(Session.UserId, PageSize) { TimeZone = Session.TimeZone };
        Session.Received += OnEventAsync;
        Session.ReloadRequested += OnReloadAsync;
        Session.TimeZoneChanged += OnTimeZoneChanged;
        Session.VisibilityChanged += OnVisibilityChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        loadError = null;
        try
        {
            conversation = await Reader.GetAsync(Session.UserId, ConversationId);
            timeline.Load(await History.HandleAsync(Session.UserId, new GetMessages(ConversationId, PageSize)));
            await LoadPinsAsync();
            if (FocusMessageId is { } focus && jumpTo is null)
            {
                jumpTo = await LoadThroughAsync(focus, FocusSequence);
            }
            if (timeline.Messages.Count > 0 && timeline.Messages[^1] is { } newest && newest.SenderId != Session.UserId)
            {
                // Loaded on a screen counts as delivered; read follows once it is seen at the bottom of the log.
                Receipts.Delivered(ConversationId, newest.Id, newest.Sequence);
            }
        }
        catch (MessagingException ex) when (ex.Code is ErrorCode.NotFound or ErrorCode.NotVerified)
        {
            // Not a participant looks exactly like no such conversation: nothing about it is shown.
            notFound = true;
            conversation = null;
        }
        catch (MessagingException ex)
        {
            loadError = E.For(ex.Code);
        }
    }

    private async Task LoadOlderAsync()
    {
        try
        {
            timeline.AddOlder(await History.HandleAsync(Session.UserId, new GetMessages(ConversationId, PageSize, BeforeSequence: timeline.OldestReadSequence)));
        }
        catch (MessagingException ex)
        {
            loadError = E.For(ex.Code);
        }
    }

    /// <summary>Messages were missed (a sequence gap): read everything after the last one held.</summary>
    private async Task CatchUpAsync(long after)
    {
        try
        {
            IReadOnlyList<MessageView> page;
            do
            {
                page = await History.HandleAsync(Session.UserId, new GetMessages(ConversationId, Limits.MaxPageSize, AfterSequence: after));
                timeline.AddNewer(page);
                after = page.Count > 0 ? page[^1].Sequence : after;
            }
            while (page.Count == Limits.MaxPageSize);
        }
        catch (MessagingException)
        {
            // Removed meanwhile: the conversation event that follows shows it.
        }
    }

    private async Task OnAtBottomChangedAsync(bool atBottom)
    {
        if (atBottom)
        {
            MarkRead();
        }

        await Task.CompletedTask;
    }

    private void MarkRead()
    {
        if (conversation is not null && AtBottom && timeline.LatestFromOthers is { } latest)
        {
            Receipts.Read(ConversationId, latest.Id, latest.Sequence);
        }
    }

    private Task OnEventAsync(MessagingEvent messagingEvent) => InvokeAsync(async () =>
    {
        switch (messagingEvent)
        {
            case MessageEvent { Message.ConversationId: var id } e when id == ConversationId:
                await ApplyMessageAsync(e);
                await OnPinChangedAsync(e);
                break;
            case ReceiptEvent e when e.ConversationId == ConversationId && e.UserId != Session.UserId:
                timeline.ApplyReceipt(e);
                break;
            case TypingEvent e when e.ConversationId == ConversationId:
                if (e.IsTyping)
                {
                    typists[e.UserId] = e.UserName;
                }
                else
                {
                    typists.Remove(e.UserId);
                }

                break;
            case PresenceEvent e when conversation is not null && ChatFormat.Peer(conversation, Session.UserId)?.UserId == e.UserId:
                peerStatus = e.Status;
                peerLastSeen = e.LastSeenAt;
                break;
            case ConversationChangedEvent e when e.ConversationId == ConversationId:
                await RefreshConversationAsync();
                break;
            default:
                return;
        }

        StateHasChanged();
    });

    private async Task ApplyMessageAsync(MessageEvent e)
    {
        var before = timeline.LastSequence;
        var change = timeline.Apply(e);
        if (change == TimelineChange.Gap)
        {
            await CatchUpAsync(before);
        }

        if (change is TimelineChange.Appended or TimelineChange.Gap && e.Message.ThreadId is null)
        {
            typists.Remove(e.Message.SenderId);
            if (AtBottom || e.Message.SenderId == Session.UserId)
            {
                log?.ScrollToEnd();
            }

            if (e.Message.SenderId != Session.UserId)
            {
                Receipts.Delivered(ConversationId, e.Message.Id, e.Message.Sequence);
                MarkRead();
            }
        }
    }

    // This circuit fell behind and events were dropped: read the conversation and the latest page again.
    private Task OnReloadAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        log?.ScrollToEnd();
        StateHasChanged();
    });

    private async Task RefreshConversationAsync()
    {
        try
        {
            conversation = await Reader.GetAsync(Session.UserId, ConversationId);
        }
        catch (MessagingException ex) when (ex.Code is ErrorCode.NotFound or ErrorCode.NotVerified)
        {
            notFound = true;
            conversation = null;
        }
    }

    private string? NameOf(Guid userId) => conversation?.ParticipantDetails.FirstOrDefault(p => p.UserId == userId)?.Name;

    // Day separators depend on the zone too.
    private void OnTimeZoneChanged() => InvokeAsync(() =>
    {
        timeline.TimeZone = Session.TimeZone;
        StateHasChanged();
    });

    // Coming back to the tab reads what is at the bottom of the log.
    private void OnVisibilityChanged() => InvokeAsync(MarkRead);

    public async ValueTask DisposeAsync()
    {
        Session.Received -= OnEventAsync;
        Session.ReloadRequested -= OnReloadAsync;
        Session.TimeZoneChanged -= OnTimeZoneChanged;
        Session.VisibilityChanged -= OnVisibilityChanged;
        await FlushDraftAsync();
        if (conversation is not null && Session.UserId != Guid.Empty)
        {
            try
            {
                await Typing.StopAsync(Session.UserId, ConversationId);
            }
            catch (MessagingException)
            {
                // Already gone from the conversation; nothing to stop.
            }
        }
    }
}
