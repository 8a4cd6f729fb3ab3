using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Web.Components;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Messaging.Web.Features.Conversations;

/// <summary>A conversation's settings: title, people (with the share-history choice), mute, archive, leave, pinned messages, files.</summary>
public sealed partial class ConversationSettingsDialog
{
    private ConversationView? conversation;
    private IReadOnlyList<DirectoryEntry> results = [];
    private string? title;
    private string? query;
    private string? error;

    // Off unless the admin ticks it: a newcomer's history starts when they are added (Core enforces it).
    private bool shareHistory;

    [CascadingParameter]
    public IMudDialogInstance Dialog { get; set; } = null!;

    [Parameter]
    public Guid ConversationId { get; set; }

    /// <summary>Opens on the pinned messages (from the chat's pinned bar) instead of the general settings.</summary>
    [Parameter]
    public bool StartOnPins { get; set; }

    /// <summary>The tab shown: 0 general, 1 pinned messages, 2 files.</summary>
    private int activeTab;

    private bool IsGroup => conversation?.ConversationType == ConversationType.Group;

    private ConversationCapabilities Can => conversation?.Capabilities ?? ConversationCapabilities.None;

    private static string MuteLabel(MutePreset preset) => preset switch
    {
        MutePreset.OneHour => "Mute1Hour",
        MutePreset.EightHours => "Mute8Hours",
        MutePreset.OneDay => "Mute1Day",
        MutePreset.OneWeek => "Mute1Week",
        _ => "MuteForever",
    };

    private string MutedText => conversation?.MutedUntil is { } until
        ? T["MutedUntil", ChatFormat.FullTime(until, Session.TimeZone)]
        : T["MutedForever"];

    protected override async Task OnInitializedAsync()
    {
        activeTab = StartOnPins ? 1 : 0;
        await Session.StartAsync();
        await RunAsync(ReloadAsync);
    }

    private async Task ReloadAsync()
    {
        conversation = await Reader.GetAsync(Session.UserId, ConversationId);
        title = conversation.Title;
    }

    private async Task RunAsync(Func<Task> action)
    {
        error = null;
        try
        {
            await action();
        }
        catch (MessagingException ex)
        {
            error = E.For(ex.Code);
        }
    }

    // The chat goes to the chosen pinned message (the result's data is its id).
    private void OpenPin(Guid messageId) => Dialog.Close(DialogResult.Ok(messageId));

    private Task RenameAsync() => RunAsync(async () => conversation = await Renamer.HandleAsync(Session.UserId, ConversationId, title));

    private Task SearchAsync(string? value) => RunAsync(async () =>
    {
        query = value;
        if (string.IsNullOrWhiteSpace(value))
        {
            results = [];
            return;
        }

        // The same Search budget as the API's directory search.
        RateLimiter.Require(RateLimiting.RateLimitPolicies.Search, Session.UserId);
        results = await Profiles.SearchDirectoryAsync(Session.UserId, value, 10);
    });

    private Task AddAsync(DirectoryEntry person) => RunAsync(async () => conversation = await Adder.HandleAsync(Session.UserId, ConversationId, [person.UserId], shareHistory));

    private Task RemoveAsync(ParticipantView person) => RunAsync(async () =>
    {
        await Remover.HandleAsync(Session.UserId, ConversationId, person.UserId);
        await ReloadAsync();
    });

    private Task MuteAsync(MutePreset preset) => RunAsync(async () =>
    {
        await Preferences.MuteAsync(Session.UserId, ConversationId, MutePresets.Until(preset, Time.GetUtcNow().UtcDateTime));
        await ReloadAsync();
    });

    private Task UnmuteAsync() => RunAsync(async () =>
    {
        await Preferences.UnmuteAsync(Session.UserId, ConversationId);
        await ReloadAsync();
    });

    private Task ToggleArchiveAsync() => RunAsync(async () =>
    {
        await Preferences.ArchiveAsync(Session.UserId, ConversationId, !conversation!.IsArchived);
        await ReloadAsync();
    });

    private async Task DeleteForMeAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(T["DeleteForMe"], T["DeleteForMeText"], T["DeleteConfirm"], cancelText: T["Cancel"]) == true)
        {
            await RunAsync(async () =>
            {
                await Preferences.DeleteForMeAsync(Session.UserId, ConversationId);
                Dialog.Close(DialogResult.Ok(true));
            });
        }
    }

    private async Task LeaveAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync(T["Leave"], T["LeaveText"], T["Leave"], cancelText: T["Cancel"]) == true)
        {
            await RunAsync(async () =>
            {
                await Remover.HandleAsync(Session.UserId, ConversationId, Session.UserId);
                Dialog.Close(DialogResult.Ok(true));
            });
        }
    }

    // Reporting the whole conversation (what the header's details offer); the report dialog says what is shared.
    private async Task ReportAsync()
    {
        var parameters = new DialogParameters<Moderation.ReportDialog>
        {
            { d => d.ConversationId, ConversationId },
            { d => d.ConversationEncrypted, conversation!.IsEncrypted },
        };
        await Dialogs.ShowAsync<Moderation.ReportDialog>(R["ReportConversationTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
    }
}
