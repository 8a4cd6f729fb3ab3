using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Presence;
using Messaging.Core.Realtime;
using Messaging.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// The sidebar list. It reads the list once (interactively, never during prerendering), then applies the circuit's
/// events in memory (<see cref="ConversationListModel"/>); it reads one conversation from the database only when an
/// event is about a conversation it does not hold or whose per-user view changed. "Delivered" receipts go through the
/// circuit's coalesced <see cref="CircuitReceipts"/>, once per conversation, not on every event.
/// </summary>
public sealed partial class ConversationList
{
    private ConversationListModel? list;
    private string? filter;
    private bool archived;
    private string? error;
    private DateTime now;

    [Inject] private ChatSession Session { get; set; } = null!;
    [Inject] private CircuitReceipts Receipts { get; set; } = null!;
    [Inject] private ConversationReader Reader { get; set; } = null!;
    [Inject] private IPresenceReader Presence { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private IStringLocalizer<Resources.Conversations> T { get; set; } = null!;
    [Inject] private IStringLocalizer<Resources.Errors> E { get; set; } = null!;

    [Parameter]
    public Guid? SelectedId { get; set; }

    private IReadOnlyList<ConversationView> Visible =>
        list is null ? []
        : string.IsNullOrWhiteSpace(filter) ? list.Items
        : list.Items.Where(c => Matches(c, filter.Trim())).ToList();

    protected override async Task OnInitializedAsync()
    {
        // Prerendering shows the loading state only: the list is read once, by the interactive render.
        if (!RendererInfo.IsInteractive || !await Session.StartAsync())
        {
            return;
        }

        Session.Received += OnEventAsync;
        Session.ReloadRequested += OnReloadAsync;
        Session.TimeZoneChanged += OnTimeZoneChanged;
        await LoadAsync();
    }

    private bool Matches(ConversationView conversation, string text) =>
        ChatFormat.Title(T, conversation, Session.UserId).Contains(text, StringComparison.CurrentCultureIgnoreCase)
        || conversation.ParticipantDetails.Any(p => p.Name.Contains(text, StringComparison.CurrentCultureIgnoreCase))
        || (!conversation.IsEncrypted && conversation.LastMessagePreview?.Contains(text, StringComparison.CurrentCultureIgnoreCase) == true);

    private PresenceStatus? StatusOf(ConversationView conversation) =>
        ChatFormat.Peer(conversation, Session.UserId) is { PresenceVisible: true } peer ? Presence.GetStatus(peer.UserId) : null;

    private async Task LoadAsync()
    {
        try
        {
            now = Time.GetUtcNow().UtcDateTime;
            var model = new ConversationListModel(Session.UserId, archived);
            model.Load(await Reader.ListAsync(Session.UserId, archived, Limits.MaxConversationPageSize));
            list = model;
            error = null;

            // Shown in the list means it reached this user's screen: senders see the second tick without the chat open.
            foreach (var view in model.Items.Where(v => v.UnreadCount > 0 && v.LastMessageId is not null))
            {
                Receipts.Delivered(view.Id, view.LastMessageId!.Value);
            }
        }
        catch (MessagingException ex)
        {
            error = E.For(ex.Code);
        }
    }

    private async Task ShowArchivedAsync(bool value)
    {
        if (archived == value)
        {
            return;
        }

        archived = value;
        list = null;
        await LoadAsync();
    }

    private Task OnEventAsync(MessagingEvent messagingEvent) => messagingEvent switch
    {
        MessageEvent or ConversationChangedEvent or PresenceEvent => InvokeAsync(() => ApplyAsync(messagingEvent)),
        ReceiptEvent receipt when receipt.UserId == Session.UserId => InvokeAsync(() => ApplyAsync(messagingEvent)),
        _ => Task.CompletedTask,
    };

    private async Task ApplyAsync(MessagingEvent messagingEvent)
    {
        if (list is null)
        {
            return;
        }

        now = Time.GetUtcNow().UtcDateTime;
        switch (messagingEvent)
        {
            case MessageEvent e:
                if (!list.Apply(e))
                {
                    await ReadOneAsync(e.Message.ConversationId);
                }

                if (e.Kind == MessageEventKind.New && e.Message.SenderId != Session.UserId && list.Contains(e.Message.ConversationId))
                {
                    Receipts.Delivered(e.Message.ConversationId, e.Message.Id, e.Message.Sequence);
                }

                break;
            case ConversationChangedEvent e:
                // Title, members, mute or archive changed: this user's own view of that one conversation.
                await ReadOneAsync(e.ConversationId);
                break;
            case ReceiptEvent e when !list.ApplyOwnRead(e):
                await ReadOneAsync(e.ConversationId);
                break;
        }

        StateHasChanged();
    }

    private async Task ReadOneAsync(Guid conversationId)
    {
        try
        {
            list?.Upsert(await Reader.GetAsync(Session.UserId, conversationId));
        }
        catch (MessagingException ex) when (ex.Code is ErrorCode.NotFound or ErrorCode.NotVerified)
        {
            // Left or removed: it is no longer this user's.
            list?.Remove(conversationId);
        }
    }

    // This circuit fell behind and events were dropped: read the list again.
    private Task OnReloadAsync() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private async Task NewConversationAsync()
    {
        var dialog = await Dialogs.ShowAsync<NewConversationDialog>(T["NewConversation"],
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: Guid id })
        {
            Navigation.NavigateTo($"/conversations/{id}");
        }
    }

    private void OnTimeZoneChanged() => InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Session.Received -= OnEventAsync;
        Session.ReloadRequested -= OnReloadAsync;
        Session.TimeZoneChanged -= OnTimeZoneChanged;
        StopSearchShortcut();
    }
}
