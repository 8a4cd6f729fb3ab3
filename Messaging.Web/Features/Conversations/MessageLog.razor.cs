using System.Globalization;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Messaging.Web.Features.Conversations;

/// <summary>
/// The scrolling, virtualized log of a <see cref="TimelineModel"/>: keeps to the bottom when asked, keeps the reader's
/// place when older messages arrive above, and tells the pane when the reader reaches the bottom or the top.
/// </summary>
public sealed partial class MessageLog : IDisposable
{
    private ElementReference log;
    private DotNetObjectReference<MessageLog>? self;
    private bool ready;
    private bool loadingOlder;
    private bool scrollToEnd;
    private bool restoreAfterOlder;

    // The message marked after a jump. Kept here, not as a class set from JS: Virtualize re-renders rows as the
    // reader scrolls and would drop a class it did not render itself.
    private Guid? highlighted;
    private CancellationTokenSource? highlightTimer;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private TimeProvider Time { get; set; } = null!;

    [Inject]
    private IStringLocalizer<Resources.Conversations> T { get; set; } = null!;

    [Parameter, EditorRequired]
    public TimelineModel Timeline { get; set; } = null!;

    [Parameter]
    public bool Direct { get; set; }

    /// <summary>What the viewer may do in this conversation (Core decides; the log only reads it).</summary>
    [Parameter]
    public ConversationCapabilities? Capabilities { get; set; }

    [Parameter]
    public Func<Guid, string?> NameOf { get; set; } = _ => null;

    /// <summary>Reads the next older page into <see cref="Timeline"/>.</summary>
    [Parameter]
    public Func<Task>? LoadOlderPage { get; set; }

    /// <summary>The reader reached (true) or left (false) the bottom; also raised once when the log is first shown.</summary>
    [Parameter]
    public EventCallback<bool> OnAtBottomChanged { get; set; }

    [Parameter]
    public EventCallback<MessageView> OnReply { get; set; }

    [Parameter]
    public EventCallback<MessageView> OnThread { get; set; }

    [Parameter]
    public EventCallback<MessageView> OnEdit { get; set; }

    [Parameter]
    public EventCallback<MessageView> OnDelete { get; set; }

    /// <summary>A message to show (scrolled to and highlighted) when the log first appears, instead of the newest.</summary>
    [Parameter]
    public Guid? JumpTo { get; set; }

    [Parameter]
    public EventCallback<MessageView> OnMarkUnread { get; set; }

    /// <summary>Brings a message that is not loaded into the log and jumps to it (a quoted original far back).</summary>
    [Parameter]
    public Func<Guid, Task>? JumpFar { get; set; }

    /// <summary>How long a jumped-to message stays marked.</summary>
    public static readonly TimeSpan HighlightFor = TimeSpan.FromSeconds(2);

    /// <summary>Whether the reader is at the bottom of the log (new messages then scroll into view and count as read).</summary>
    public bool AtBottom { get; private set; } = true;

    private ICollection<TimelineEntry> Entries => Timeline.Entries as ICollection<TimelineEntry> ?? [.. Timeline.Entries];

    /// <summary>Scrolls to the newest message after the next render.</summary>
    public void ScrollToEnd() => scrollToEnd = true;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!ready)
        {
            ready = true;
            self ??= DotNetObjectReference.Create(this);
            await JS.InvokeVoidAsync("messagingChat.initLog", log, self);
            if (JumpTo is { } target)
            {
                // Opened at an older message: not at the bottom, so nothing newer counts as read yet.
                AtBottom = false;
                await OnAtBottomChanged.InvokeAsync(false);
                await JumpToMessageAsync(target);
                return;
            }

            scrollToEnd = true;
            await OnAtBottomChanged.InvokeAsync(true);
            StateHasChanged();
        }

        if (restoreAfterOlder)
        {
            restoreAfterOlder = false;
            await JS.InvokeVoidAsync("messagingChat.restorePosition", log);
        }

        if (scrollToEnd)
        {
            scrollToEnd = false;
            await JS.InvokeVoidAsync("messagingChat.scrollToBottom", log);
        }
    }

    [JSInvokable]
    public async Task LoadOlder()
    {
        if (!Timeline.HasMore || loadingOlder || LoadOlderPage is null)
        {
            return;
        }

        loadingOlder = true;
        await InvokeAsync(StateHasChanged);
        try
        {
            await JS.InvokeVoidAsync("messagingChat.rememberPosition", log);
            await LoadOlderPage();
            restoreAfterOlder = true;
        }
        finally
        {
            loadingOlder = false;
        }

        await InvokeAsync(StateHasChanged);
    }

    [JSInvokable]
    public async Task AtBottomChanged(bool value)
    {
        AtBottom = value;
        await OnAtBottomChanged.InvokeAsync(value);
    }

    /// <summary>
    /// Scrolls to a message already in <see cref="Timeline"/> and marks it for <see cref="HighlightFor"/>.
    /// Returns false when it is not loaded (the pane's <c>JumpToMessageAsync</c> loads it first).
    /// </summary>
    public async Task<bool> JumpToMessageAsync(Guid messageId)
    {
        var index = Timeline.IndexOf(messageId);
        if (index < 0)
        {
            return false;
        }

        await MarkAsync(messageId);
        var found = await JS.InvokeAsync<bool>("messagingChat.scrollToMessage", log, messageId, (double)index / Math.Max(1, Timeline.Messages.Count));
        _ = ClearMarkAsync(messageId, highlightTimer!.Token);
        return found;
    }

    private async Task JumpToQuotedAsync(Guid messageId)
    {
        if (!await JumpToMessageAsync(messageId) && JumpFar is not null)
        {
            await JumpFar(messageId);
        }
    }

    // Marks the row through its parameter (rendered now); it is cleared a moment after the scroll unless another jump came.
    private async Task MarkAsync(Guid messageId)
    {
        highlightTimer?.Cancel();
        highlightTimer?.Dispose();
        highlightTimer = new CancellationTokenSource();
        highlighted = messageId;
        await InvokeAsync(StateHasChanged);
    }

    private async Task ClearMarkAsync(Guid messageId, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(HighlightFor, Time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (highlighted == messageId)
        {
            highlighted = null;
            await InvokeAsync(StateHasChanged);
        }
    }

    private string? SeenBy(MessageView message) =>
        Direct || message.ReadBy.Count == 0
            ? null
            : string.Join(CultureInfo.CurrentCulture.TextInfo.ListSeparator + " ", message.ReadBy.Select(r => NameOf(r.UserId)).OfType<string>());

    public void Dispose()
    {
        highlightTimer?.Cancel();
        highlightTimer?.Dispose();
        self?.Dispose();
    }
}
