using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Web.Components;
using MudBlazor;

namespace Messaging.Web.Features.Conversations;

/// <summary>Opening the log at any message: search results, quoted originals, pinned messages.</summary>
public sealed partial class ChatPane
{
    /// <summary>
    /// Opens the log at a message wherever it is: loads it when it is not (reading from a little before
    /// <paramref name="sequence"/> up to the oldest message held, so the log stays one unbroken run and live events and
    /// older pages work as usual), scrolls to it and marks it briefly. Used by search results, quoted originals and
    /// any other feature that points at a message (e.g. pinned messages). Without a sequence, it is looked up.
    /// </summary>
    public async Task JumpToMessageAsync(Guid messageId, long? sequence = null)
    {
        try
        {
            if (await LoadThroughAsync(messageId, sequence) is { } shown && log is not null)
            {
                StateHasChanged();
                await log.JumpToMessageAsync(shown);
            }
        }
        catch (MessagingException ex)
        {
            // Cleared from this user's history, or gone: say so rather than jump nowhere.
            Snackbar.Add(E.For(ex.Code), Severity.Warning);
        }
    }

    /// <summary>The message's row in the log (itself, or its thread's root), reading what is missing; null when it cannot show.</summary>
    private async Task<Guid?> LoadThroughAsync(Guid messageId, long? sequence)
    {
        if (timeline.ShownAs(messageId) is { } shown)
        {
            return shown;
        }

        // The message just before it bounds its sequence (a quote knows the id only).
        sequence ??= (await History.HandleAsync(Session.UserId, new GetMessages(ConversationId, 1, BeforeMessageId: messageId))) is [var previous, ..]
            ? previous.Sequence + 1
            : 1;
        var from = Math.Max(0, sequence.Value - (PageSize / 2) - 1);
        var oldestHeld = timeline.OldestSequence ?? long.MaxValue;
        var run = new List<MessageView>();
        IReadOnlyList<MessageView> page;
        var after = from;
        do
        {
            page = await History.HandleAsync(Session.UserId, new GetMessages(ConversationId, Limits.MaxPageSize, AfterSequence: after));
            run.AddRange(page);
            after = page.Count > 0 ? page[^1].Sequence : after;
        }
        while (page.Count == Limits.MaxPageSize && after < oldestHeld);

        timeline.AddRun(run, hasOlder: from > 0);
        return timeline.ShownAs(messageId);
    }
}
