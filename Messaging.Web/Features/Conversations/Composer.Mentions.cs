using Messaging.Core.Mentions;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Messaging.Web.Features.Conversations;

/// <summary>The "@" list: who may be named, what the script reports while typing, and the choice.</summary>
public partial class Composer
{
    /// <summary>Who "@" can name (the conversation's other participants); null turns mentions off (threads, edits).</summary>
    [Parameter]
    public IReadOnlyList<MentionCandidate>? Participants { get; set; }

    private readonly List<MentionCandidate> chosen = [];
    private IReadOnlyList<MentionCandidate> suggestions = [];
    private int active;

    private string MentionListId => $"{TestId}-mentions";

    /// <summary>
    /// The people chosen from the list whose "@Name" is still in <paramref name="value"/>: deleting the text takes the
    /// mention back, and typing "@Name" by hand mentions nobody (only a choice records whom).
    /// </summary>
    public IReadOnlyList<Guid> MentionsIn(string value) =>
        chosen.Where(c => value.Contains("@" + c.Name, StringComparison.Ordinal)).Select(c => c.UserId).Distinct().ToArray();

    /// <summary>What follows the "@" before the caret, or null when the caret is not in a mention (from the script).</summary>
    [JSInvokable]
    public Task MentionQuery(string? typed)
    {
        var found = typed is null || Participants is null ? [] : MentionSuggestions.Find(Participants, typed);
        if (found.Count == 0 && suggestions.Count == 0)
        {
            return Task.CompletedTask;
        }

        suggestions = found;
        active = 0;
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>A key pressed while the list is open: arrows move, Enter or Tab choose, Escape closes.</summary>
    [JSInvokable]
    public async Task MentionKey(string key)
    {
        if (suggestions.Count == 0)
        {
            return;
        }

        switch (key)
        {
            case "ArrowDown":
                active = (active + 1) % suggestions.Count;
                break;
            case "ArrowUp":
                active = (active + suggestions.Count - 1) % suggestions.Count;
                break;
            case "Enter" or "Tab":
                await ChooseAsync(suggestions[active]);
                return;
            default:
                suggestions = [];
                break;
        }

        StateHasChanged();
    }

    private async Task ChooseAsync(MentionCandidate candidate)
    {
        suggestions = [];
        chosen.Add(candidate);
        text = await JS.InvokeAsync<string>("messagingChat.insertMention", box, candidate.Name);
        StateHasChanged();
    }
}
